"""Writes the JAX 0.10 values ScatterTest checks (x.at[i].set/mul/min/max/divide/power, lax.scatter,
scatter_min, scatter_max, their grads and vmaps) to runtime/src/test/resources/dev/olympus/scatter/values.txt,
one case per line: name|dtype|shape|values, floats written with repr (round-trip exact), nan and inf by name,
bools as 1 and 0. Prints the jaxpr whose text ScatterTest quotes.

Run: python3 tracer/src/test/python/make_scatter_values.py
"""
import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from jax_values import Values

VALUES = Values("tracer/src/test/python/make_scatter_values.py", "scatter")
emit = VALUES.emit

x = jnp.arange(12.0, dtype=jnp.float32).reshape(3, 4) * 0.5 - 1.0
i = jnp.array([2, 0, 2, 7, -1], dtype=jnp.int32)
v = jnp.array([1.0, -2.0, 3.0, 4.0, 5.0], dtype=jnp.float32)[:, None] * jnp.array([1.0, 0.5, -1.0, 2.0], jnp.float32)
emit("set", x.at[i].set(v))
emit("mul", x.at[i].mul(v))
emit("min", x.at[i].min(v))
emit("max", x.at[i].max(v))
emit("divide", x.at[i].divide(2.0))
emit("power", x.at[jnp.array([1, 1])].power(2.0))
emit("int set", jnp.arange(5).at[jnp.array([4, 0])].set(jnp.array([7, 9])))
emit("bool set", jnp.zeros(4, bool).at[jnp.array([1, 3])].set(True))
emit("int max", jnp.arange(5).at[jnp.array([1, 1, 3])].max(jnp.array([4, 2, 1])))
# Gradients: set with repeats (the surviving update gets the tangent), max with ties (shared), mul in x.
w = jnp.array([[1.0, 2.0, 3.0, 4.0]], jnp.float32)
f = lambda x, v: jnp.sum(jnp.sin(x.at[i].set(v)) * w)
gx, gv = jax.grad(f, argnums=(0, 1))(x, v)
emit("grad set x", gx)
emit("grad set v", gv)
m = jnp.array([[0.0, 1.0, 2.0], [2.0, 0.0, 1.0]], jnp.float32)
mi = jnp.array([0, 0, 1], jnp.int32)
mv = jnp.array([2.0, 2.0, 0.5], jnp.float32)[:, None] * jnp.ones((1, 3), jnp.float32)
g = lambda m, mv: jnp.sum(m.at[mi].max(mv) * jnp.array([1.0, 2.0, 3.0]))
gm, gmv = jax.grad(g, argnums=(0, 1))(m, mv)
emit("max value", m.at[mi].max(mv))
emit("grad max m", gm)
emit("grad max v", gmv)
h = lambda x: jnp.sum(x.at[i].mul(v) ** 2)
emit("grad mul x", jax.grad(h)(x))
emit("vmap set", jax.vmap(lambda r, k: r.at[k].set(9.0))(x, jnp.array([[0, 0], [3, 1], [2, 9]])))
# lax.scatter with a 2-d window, clipped.
dn = lax.ScatterDimensionNumbers(update_window_dims=(1, 2), inserted_window_dims=(), scatter_dims_to_operand_dims=(0, 1))
z = jnp.zeros((4, 5), jnp.float32)
si = jnp.array([[0, 0], [3, 4]], jnp.int32)
su = jnp.arange(8.0, dtype=jnp.float32).reshape(2, 2, 2) + 1.0
emit("lax scatter clip", lax.scatter(z, si, su, dn, mode=lax.GatherScatterMode.CLIP))
emit("lax scatter_min clip", lax.scatter_min(z + 3.0, si, su, dn, mode=lax.GatherScatterMode.CLIP))
emit("lax scatter_max clip", lax.scatter_max(z + 3.0, si, su, dn, mode=lax.GatherScatterMode.CLIP))

VALUES.write()
print(jax.make_jaxpr(lambda x: x.at[jnp.array([0, 2])].mul(2.0))(x))
