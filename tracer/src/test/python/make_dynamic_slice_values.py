"""Prints the JAX 0.10 values DynamicSliceTest checks (lax.dynamic_slice, lax.dynamic_update_slice: clamping,
negative starts, grads, vmaps over operand, starts or both, jaxprs).

Run: python3 tracer/src/test/python/make_dynamic_slice_values.py
"""
import jax
import jax.numpy as jnp
from jax import lax

x = jnp.arange(20.0, dtype=jnp.float32).reshape(4, 5) * 0.5 - 2.0
def show(name, a):
    print(name, [float(t) for t in jnp.ravel(a)])
show("slice 1 2", lax.dynamic_slice(x, (1, 2), (2, 3)))
show("slice clamped 3 4", lax.dynamic_slice(x, (3, 4), (2, 3)))
show("slice negative -1 -5", lax.dynamic_slice(x, (-1, -5), (2, 2)))
u = jnp.array([[10.0, 20.0], [30.0, 40.0]], jnp.float32)
show("update 1 2", lax.dynamic_update_slice(x, u, (1, 2)))
show("update clamped 9 9", lax.dynamic_update_slice(x, u, (9, 9)))
show("update negative -2 0", lax.dynamic_update_slice(x, u, (-2, 0)))
f = lambda x: jnp.sum(jnp.sin(lax.dynamic_slice(x, (2, 1), (2, 3))))
show("grad slice", jax.grad(f)(x))
g = lambda x, u: jnp.sum(jnp.sin(lax.dynamic_update_slice(x, u, (0, 3))))
gx, gu = jax.grad(g, argnums=(0, 1))(x, u)
show("grad update x", gx)
show("grad update u", gu)
starts = jnp.array([0, 2, 3, 1], jnp.int32)
show("vmap slice starts", jax.vmap(lambda s: lax.dynamic_slice(x, (s, s), (2, 2)))(starts))
show("vmap slice both", jax.vmap(lambda r, s: lax.dynamic_slice(r, (s,), (3,)))(x, starts))
show("vmap slice operand", jax.vmap(lambda r: lax.dynamic_slice(r, (1,), (2,)))(x))
show("vmap update both", jax.vmap(lambda r, s: lax.dynamic_update_slice(r, jnp.array([7.0, 8.0]), (s,)))(x, starts))
show("vmap update starts", jax.vmap(lambda s: lax.dynamic_update_slice(x, u, (s, 1)))(starts))
show("vmap update operand", jax.vmap(lambda r, v: lax.dynamic_update_slice(r, v, (2,)))(x, x[:, :2] * 10))
print(jax.make_jaxpr(lambda x, s: lax.dynamic_slice(x, (s, s), (2, 2)))(x, 1))
print(jax.make_jaxpr(lambda x, u, s: lax.dynamic_update_slice(x, u, (s, s)))(x, u, 1))
