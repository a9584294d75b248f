"""Prints the JAX 0.10 values IndexingTest checks (jnp.take, take_along_axis, x.at[i], their grads and vmaps).

Run: python3 tracer/src/test/python/make_indexing_values.py
"""
import jax
import jax.numpy as jnp

x = jnp.arange(12.0, dtype=jnp.float32).reshape(3, 4) * 0.5 - 1.0
i = jnp.array([2, -1, 0, 5], dtype=jnp.int32)
print("take axis 0", jnp.take(x, i, axis=0).tolist())
print("take axis 1", jnp.take(x, i, axis=1).tolist())
print("take flat", jnp.take(x, jnp.array([[0, 11], [-2, 3]]), axis=None).tolist())
print("take int fill", jnp.take(jnp.arange(4), jnp.array([1, 9])).tolist())
print("at get", x.at[jnp.array([1, -1, 7])].get().tolist())
print("at add", x.at[jnp.array([0, 2, 0, 9])].add(jnp.array([1.0, 2.0, 3.0, 4.0])[:, None]).tolist())
j = jnp.argsort(x, axis=1)[:, ::-1]
print("take_along_axis", jnp.take_along_axis(x, j, axis=1).tolist())
print("take_along_axis bcast", jnp.take_along_axis(x, jnp.array([[3], [0], [1]]), axis=1).tolist())
f = lambda x: jnp.sum(jnp.take(x, jnp.array([2, 0, 2, 1]), axis=0) ** 2)
print("grad take", jax.grad(f)(x).tolist())
g = lambda u: jnp.sum(jnp.sin(x.at[jnp.array([1, 1, 2])].add(u)))
print("grad at add", jax.grad(g)(jnp.ones((3, 4), jnp.float32)).tolist())
print("vmap take x", jax.vmap(lambda r: jnp.take(r, jnp.array([3, 0]), axis=0))(x).tolist())
print("vmap take i", jax.vmap(lambda k: jnp.take(x, k, axis=1))(jnp.array([[0, 1], [3, 3]])).tolist())
print("vmap take both", jax.vmap(lambda r, k: jnp.take(r, k, axis=0))(x, jnp.array([[0, 1], [3, 3], [2, 1]])).tolist())
print("vmap at add", jax.vmap(lambda r, k: r.at[k].add(10.0))(x, jnp.array([[0, 0], [3, 1], [2, 9]])).tolist())
print(jax.make_jaxpr(lambda x, i: jnp.take(x, i, axis=1))(x, i))

# Special functions (SpecialFunctionsTest).
import numpy as np
xs = jnp.array([-3.5, -1.0, -0.25, 0.0, 0.1, 0.5, 1.5, 2.9, 3.1, 5.0], jnp.float32)
print("erf", [float(v) for v in jax.lax.erf(xs)])
print("grad erf", [float(v) for v in jax.vmap(jax.grad(jax.lax.erf))(xs)])
ps = jnp.array([-0.999, -0.5, 0.0, 0.3, 0.9, 0.99999], jnp.float32)
print("erf_inv", [float(v) for v in jax.lax.erf_inv(ps)])
print("grad erf_inv", [float(v) for v in jax.vmap(jax.grad(jax.lax.erf_inv))(ps)])
print("gelu exact", [float(v) for v in jax.nn.gelu(xs, approximate=False)])
print(jax.make_jaxpr(jax.lax.erf_inv)(ps))

# Gamma functions (GammaFunctionsTest).
gs = jnp.array([-2.5, -1.0, -0.5, 0.0, 1e-3, 0.5, 1.0, 1.5, 2.0, 3.7, 10.0, 150.0], jnp.float32)
print("lgamma", [float(v) for v in jax.lax.lgamma(gs)])
print("digamma", [float(v) for v in jax.lax.digamma(gs)])
print("grad digamma", [float(v) for v in jax.vmap(jax.grad(jax.lax.digamma))(gs)])
print("polygamma 2", [float(v) for v in jax.lax.polygamma(jnp.float32(2), gs)])
print("zeta 3", [float(v) for v in jax.lax.zeta(jnp.float32(3.0), gs)])
print(jax.make_jaxpr(jax.grad(jax.lax.digamma))(1.0))
