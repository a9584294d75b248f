"""Prints the JAX 0.10 values ScatterTest checks (x.at[i].set/mul/min/max/divide/power, lax.scatter*, their
grads, vmaps and jaxprs).

Run: python3 tracer/src/test/python/make_scatter_values.py
"""
import jax
import jax.numpy as jnp
from jax import lax

x = jnp.arange(12.0, dtype=jnp.float32).reshape(3, 4) * 0.5 - 1.0
i = jnp.array([2, 0, 2, 7, -1], dtype=jnp.int32)
v = jnp.array([1.0, -2.0, 3.0, 4.0, 5.0], dtype=jnp.float32)[:, None] * jnp.array([1.0, 0.5, -1.0, 2.0], jnp.float32)
def show(name, a):
    print(name, [float(t) for t in jnp.ravel(a)])
show("set", x.at[i].set(v))
show("mul", x.at[i].mul(v))
show("min", x.at[i].min(v))
show("max", x.at[i].max(v))
show("divide", x.at[i].divide(2.0))
show("power", x.at[jnp.array([1, 1])].power(2.0))
print("int set", jnp.arange(5).at[jnp.array([4, 0])].set(jnp.array([7, 9])).tolist())
print("bool set", jnp.zeros(4, bool).at[jnp.array([1, 3])].set(True).tolist())
print("int max", jnp.arange(5).at[jnp.array([1, 1, 3])].max(jnp.array([4, 2, 1])).tolist())
# Gradients: set with repeats (the surviving update gets the tangent), max with ties (shared), mul in x.
w = jnp.array([[1.0, 2.0, 3.0, 4.0]], jnp.float32)
f = lambda x, v: jnp.sum(jnp.sin(x.at[i].set(v)) * w)
gx, gv = jax.grad(f, argnums=(0, 1))(x, v)
show("grad set x", gx)
show("grad set v", gv)
m = jnp.array([[0.0, 1.0, 2.0], [2.0, 0.0, 1.0]], jnp.float32)
mi = jnp.array([0, 0, 1], jnp.int32)
mv = jnp.array([2.0, 2.0, 0.5], jnp.float32)[:, None] * jnp.ones((1, 3), jnp.float32)
g = lambda m, mv: jnp.sum(m.at[mi].max(mv) * jnp.array([1.0, 2.0, 3.0]))
gm, gmv = jax.grad(g, argnums=(0, 1))(m, mv)
show("max value", m.at[mi].max(mv))
show("grad max m", gm)
show("grad max v", gmv)
h = lambda x: jnp.sum(x.at[i].mul(v) ** 2)
show("grad mul x", jax.grad(h)(x))
show("vmap set", jax.vmap(lambda r, k: r.at[k].set(9.0))(x, jnp.array([[0, 0], [3, 1], [2, 9]])))
# lax.scatter with a 2-d window, clipped.
dn = lax.ScatterDimensionNumbers(update_window_dims=(1, 2), inserted_window_dims=(), scatter_dims_to_operand_dims=(0, 1))
z = jnp.zeros((4, 5), jnp.float32)
si = jnp.array([[0, 0], [3, 4]], jnp.int32)
su = jnp.arange(8.0, dtype=jnp.float32).reshape(2, 2, 2) + 1.0
show("lax scatter clip", lax.scatter(z, si, su, dn, mode=lax.GatherScatterMode.CLIP))
show("lax scatter_min clip", lax.scatter_min(z + 3.0, si, su, dn, mode=lax.GatherScatterMode.CLIP))
show("lax scatter_max clip", lax.scatter_max(z + 3.0, si, su, dn, mode=lax.GatherScatterMode.CLIP))
print(jax.make_jaxpr(lambda x: x.at[jnp.array([0, 2])].mul(2.0))(x))
