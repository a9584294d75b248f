"""Writes the JAX 0.10 values LinalgTest checks (jnp.linalg.cholesky/solve/inv/det, lax.linalg.triangular_solve
in each mode and lu; their gradients; vmaps) to runtime/src/test/resources/dev/olympus/linalg/values.txt, one
line per case: name|shape|values. Computed in float64 (jax_enable_x64), so they are references for float32
within its rounding.

Run: python3 tracer/src/test/python/make_linalg_values.py
"""
import os
import numpy as np
import jax
jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp
from jax import lax

lines = []
def emit(name, a):
    a = np.asarray(a)
    lines.append(name + "|" + ",".join(map(str, a.shape)) + "|" + " ".join(repr(float(v)) for v in a.ravel()))

# A general matrix that needs row swaps, a batch of them, an SPD matrix, right-hand sides.
a = jnp.array([[0.5, 2.0, -1.0], [3.0, 1.0, 0.25], [-1.0, 0.5, 2.0]], jnp.float64)
batch = jnp.stack([a, a.T + jnp.eye(3), jnp.array([[2.0, 0.0, 1.0], [1.0, -3.0, 0.5], [0.0, 1.0, 1.0]])])
spd = a @ a.T + jnp.eye(3)
b = jnp.array([1.0, -2.0, 0.5], jnp.float64)
bm = jnp.array([[1.0, 0.0], [-2.0, 1.0], [0.5, 3.0]], jnp.float64)
emit("cholesky", jnp.linalg.cholesky(spd))
emit("solve vector", jnp.linalg.solve(a, b))
emit("solve matrix", jnp.linalg.solve(a, bm))
emit("solve batch", jnp.linalg.solve(batch, bm))
emit("inv", jnp.linalg.inv(a))
emit("det", jnp.linalg.det(a))
emit("det batch", jnp.linalg.det(batch))
lu, piv, perm = lax.linalg.lu(a)
emit("lu", lu)
emit("lu pivots", piv)
emit("lu permutation", perm)
for left in (True, False):
    for lower in (True, False):
        for trans in (False, True):
            for unit in (False, True):
                rhs = bm if left else bm.T
                out = lax.linalg.triangular_solve(a, rhs, left_side=left, lower=lower, transpose_a=trans,
                                                  unit_diagonal=unit)
                emit(f"trsm {left} {lower} {trans} {unit}", out)
tall = jnp.concatenate([a, jnp.ones((1, 3))], 0)
q, r = jnp.linalg.qr(tall)
emit("qr q", q)
emit("qr r", r)
qf, rf = jnp.linalg.qr(tall.T, mode="complete")
emit("qr wide full q", qf)
emit("qr wide full r", rf)
wq = jnp.arange(12.0).reshape(4, 3) / 4 - 1
emit("grad qr", jax.grad(lambda m: jnp.sum(jnp.linalg.qr(m)[0] * wq) + jnp.sum(jnp.linalg.qr(m)[1] * a))(tall))
w = jnp.array([[1.0, -1.0], [0.5, 2.0], [3.0, 0.25]], jnp.float64)
emit("grad cholesky", jax.grad(lambda s: jnp.sum(jnp.linalg.cholesky(s) * jnp.tril(jnp.ones((3, 3)) + s)))(spd))
emit("grad solve a", jax.grad(lambda m: jnp.sum(jnp.linalg.solve(m, bm) * w))(a))
emit("grad solve b", jax.grad(lambda v: jnp.sum(jnp.linalg.solve(a, v) * w))(bm))
emit("grad det", jax.grad(jnp.linalg.det)(a))
emit("grad inv", jax.grad(lambda m: jnp.sum(jnp.linalg.inv(m) * a))(a))
emit("grad trsm", jax.grad(lambda m: jnp.sum(lax.linalg.triangular_solve(m, bm, left_side=True, lower=False,
                                                                         transpose_a=True) * w))(a))
emit("vmap det", jax.vmap(jnp.linalg.det)(batch))
emit("vmap solve", jax.vmap(jnp.linalg.solve, in_axes=(0, None))(batch, b))
emit("vmap grad det", jax.vmap(jax.grad(jnp.linalg.det))(batch))
emit("vmap qr r", jax.vmap(lambda m: jnp.linalg.qr(m)[1])(batch))

path = os.path.join(os.path.dirname(__file__), "../../../../runtime/src/test/resources/dev/olympus/linalg/values.txt")
with open(path, "w") as f:
    f.write("# Written by tracer/src/test/python/make_linalg_values.py with JAX " + jax.__version__ + " (float64)\n")
    f.write("\n".join(lines) + "\n")
print(jax.make_jaxpr(lambda m: jnp.linalg.cholesky(m))(spd.astype(jnp.float32)))
print(jax.make_jaxpr(lambda m: lax.linalg.triangular_solve(m, bm.astype(jnp.float32), left_side=True))(a.astype(jnp.float32)))
