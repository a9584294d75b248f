"""Writes the JAX 0.10 values DynamicSliceTest checks (lax.dynamic_slice, lax.dynamic_slice_in_dim,
lax.dynamic_update_slice: clamping, negative starts, grads, vmaps over operand, starts or both) to
runtime/src/test/resources/dev/olympus/dynamic_slice/values.txt, one case per line: name|dtype|shape|values, floats
written with repr (round-trip exact), nan and inf by name, bools as 1 and 0. Prints the jaxprs whose text
DynamicSliceTest quotes.

Run: python3 tracer/src/test/python/make_dynamic_slice_values.py
"""
import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from jax_values import Values

VALUES = Values("tracer/src/test/python/make_dynamic_slice_values.py", "dynamic_slice")
emit = VALUES.emit

x = jnp.arange(20.0, dtype=jnp.float32).reshape(4, 5) * 0.5 - 2.0
emit("slice 1 2", lax.dynamic_slice(x, (1, 2), (2, 3)))
emit("slice clamped 3 4", lax.dynamic_slice(x, (3, 4), (2, 3)))
emit("slice negative -1 -5", lax.dynamic_slice(x, (-1, -5), (2, 2)))
emit("slice in dim 2 2 axis 1", lax.dynamic_slice_in_dim(x, 2, 2, axis=1))
u = jnp.array([[10.0, 20.0], [30.0, 40.0]], jnp.float32)
emit("update 1 2", lax.dynamic_update_slice(x, u, (1, 2)))
emit("update clamped 9 9", lax.dynamic_update_slice(x, u, (9, 9)))
emit("update negative -2 0", lax.dynamic_update_slice(x, u, (-2, 0)))
f = lambda x: jnp.sum(jnp.sin(lax.dynamic_slice(x, (2, 1), (2, 3))))
emit("grad slice", jax.grad(f)(x))
g = lambda x, u: jnp.sum(jnp.sin(lax.dynamic_update_slice(x, u, (0, 3))))
gx, gu = jax.grad(g, argnums=(0, 1))(x, u)
emit("grad update x", gx)
emit("grad update u", gu)
starts = jnp.array([0, 2, 3, 1], jnp.int32)
emit("vmap slice starts", jax.vmap(lambda s: lax.dynamic_slice(x, (s, s), (2, 2)))(starts))
emit("vmap slice both", jax.vmap(lambda r, s: lax.dynamic_slice(r, (s,), (3,)))(x, starts))
emit("vmap slice operand", jax.vmap(lambda r: lax.dynamic_slice(r, (1,), (2,)))(x))
emit("vmap update both", jax.vmap(lambda r, s: lax.dynamic_update_slice(r, jnp.array([7.0, 8.0]), (s,)))(x, starts))
emit("vmap update starts", jax.vmap(lambda s: lax.dynamic_update_slice(x, u, (s, 1)))(starts))
emit("vmap update operand", jax.vmap(lambda r, v: lax.dynamic_update_slice(r, v, (2,)))(x, x[:, :2] * 10))

VALUES.write()
print(jax.make_jaxpr(lambda x, s: lax.dynamic_slice(x, (s, s), (2, 2)))(x, 1))
print(jax.make_jaxpr(lambda x, u, s: lax.dynamic_update_slice(x, u, (s, s)))(x, u, 1))
