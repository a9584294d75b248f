"""Writes the JAX 0.10 values three tests check to runtime/src/test/resources/dev/olympus/indexing/values.txt:
IndexingTest's (jnp.take, take_along_axis, x.at[i], their grads and vmaps), SpecialFunctionsTest's (lax.erf,
lax.erf_inv and their grads; jax.nn.gelu exact, which kernels-generated's NnTest quotes) and GammaFunctionsTest's
(lax.lgamma, digamma, polygamma, zeta; the grads of lgamma and digamma). One case per line:
name|dtype|shape|values, floats written with repr (round-trip exact), nan and inf by name, bools as 1 and 0.
Prints the jaxprs whose text the tests quote.

Run: python3 tracer/src/test/python/make_indexing_values.py
"""
import jax
import jax.numpy as jnp
import numpy as np

from jax_values import Values

VALUES = Values("tracer/src/test/python/make_indexing_values.py", "indexing")
emit = VALUES.emit

# Indexing (IndexingTest).
x = jnp.arange(12.0, dtype=jnp.float32).reshape(3, 4) * 0.5 - 1.0
i = jnp.array([2, -1, 0, 5], dtype=jnp.int32)
emit("take axis 0", jnp.take(x, i, axis=0))
emit("take axis 1", jnp.take(x, i, axis=1))
emit("take flat", jnp.take(x, jnp.array([[0, 11], [-2, 3]]), axis=None))
emit("take int fill", jnp.take(jnp.arange(4), jnp.array([1, 9])))
emit("at get", x.at[jnp.array([1, -1, 7])].get())
emit("at add", x.at[jnp.array([0, 2, 0, 9])].add(jnp.array([1.0, 2.0, 3.0, 4.0])[:, None]))
j = jnp.argsort(x, axis=1)[:, ::-1]
emit("take_along_axis", jnp.take_along_axis(x, j, axis=1))
emit("take_along_axis bcast", jnp.take_along_axis(x, jnp.array([[3], [0], [1]]), axis=1))
f = lambda x: jnp.sum(jnp.take(x, jnp.array([2, 0, 2, 1]), axis=0) ** 2)
emit("grad take", jax.grad(f)(x))
g = lambda u: jnp.sum(jnp.sin(x.at[jnp.array([1, 1, 2])].add(u)))
emit("grad at add", jax.grad(g)(jnp.ones((3, 4), jnp.float32)))
emit("vmap take x", jax.vmap(lambda r: jnp.take(r, jnp.array([3, 0]), axis=0))(x))
emit("vmap take i", jax.vmap(lambda k: jnp.take(x, k, axis=1))(jnp.array([[0, 1], [3, 3]])))
emit("vmap take both", jax.vmap(lambda r, k: jnp.take(r, k, axis=0))(x, jnp.array([[0, 1], [3, 3], [2, 1]])))
emit("vmap at add", jax.vmap(lambda r, k: r.at[k].add(10.0))(x, jnp.array([[0, 0], [3, 1], [2, 9]])))
print(jax.make_jaxpr(lambda x, i: jnp.take(x, i, axis=1))(x, i))

# Special functions (SpecialFunctionsTest; gelu exact: kernels-generated NnTest).
xs = jnp.array([-3.5, -1.0, -0.25, 0.0, 0.1, 0.5, 1.5, 2.9, 3.1, 5.0], jnp.float32)
emit("erf", jax.lax.erf(xs))
emit("grad erf", jax.vmap(jax.grad(jax.lax.erf))(xs))
ps = jnp.array([-0.999, -0.5, 0.0, 0.3, 0.9, 0.99999], jnp.float32)
emit("erf_inv", jax.lax.erf_inv(ps))
emit("grad erf_inv", jax.vmap(jax.grad(jax.lax.erf_inv))(ps))
emit("gelu exact", jax.nn.gelu(xs, approximate=False))
print(jax.make_jaxpr(jax.lax.erf_inv)(ps))

# Gamma functions (GammaFunctionsTest).
gs = jnp.array([-2.5, -1.0, -0.5, 0.0, 1e-3, 0.5, 1.0, 1.5, 2.0, 3.7, 10.0, 150.0], jnp.float32)
emit("lgamma", jax.lax.lgamma(gs))
emit("digamma", jax.lax.digamma(gs))
emit("grad lgamma", jax.vmap(jax.grad(jax.lax.lgamma))(gs))
emit("grad digamma", jax.vmap(jax.grad(jax.lax.digamma))(gs))
emit("polygamma 2", jax.lax.polygamma(jnp.float32(2), gs))
emit("zeta 3", jax.lax.zeta(jnp.float32(3.0), gs))
print(jax.make_jaxpr(jax.grad(jax.lax.digamma))(1.0))

VALUES.write()
