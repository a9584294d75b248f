"""Expected values for Lax.topK, computed by jax.lax.top_k (JAX 0.10.2, CPU, default 32-bit types).

Writes runtime/src/test/resources/dev/olympus/topk/values.txt, which TopKJaxValuesTest reads, one case per line:
    name|shape|values
where shape is comma-separated (empty for a scalar) and values are space-separated in row-major order. Floats
are written with repr (they round-trip exactly to float32); nan, -nan (a NaN with its sign bit set), inf and -inf
by name. The lines are:
    operand <id>|...                              an input
    top_k <id> k=<k> axis=<axis> values|...       lax.top_k(operand, k, axis=axis)[0]
    top_k <id> k=<k> axis=<axis> indices|...      lax.top_k(operand, k, axis=axis)[1] (int32)
    grad <id> k=<k> axis=<axis> cot=<cot id>|...  jax.grad(lambda x: sum(top_k(x, k, axis)[0] * cot))(operand)

The operands hold ties (equal elements come in index order), NaN of either sign, +-inf, +-0.0 and subnormals:
JAX orders them by the float total order (-nan < -inf < ... < -0.0 < 0.0 < ... < inf < nan), k runs from 0 to n,
and a rank-3 operand is reduced along each of its axes.

Run: python3 tracer/src/test/python/make_top_k_values.py
"""
import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from jax_values import Values

VALUES = Values("tracer/src/test/python/make_top_k_values.py", "topk", "runtime/src/test/resources", dtypes=False)
emit = VALUES.emit


def main():
    nan, inf = np.float32(np.nan), np.float32(np.inf)
    rng = np.random.default_rng(13)
    rows = np.array([
        [3, 1, 4, 1, 5, 9, 2, 6],                          # ties among the picked and the dropped
        [nan, 1, inf, -inf, 2, nan, 0, -nan],              # NaN largest, -NaN smallest
        [0.0, -0.0, -0.0, 0.0, -1, 1, 0.0, -0.0],          # 0.0 before -0.0, each in index order
        [2, 2, 2, 2, 2, 2, 2, 2],                          # all equal
        [-inf, -inf, -3e38, 1e-45, -1e-45, 5, 5, nan],     # subnormals, the extremes
        rng.standard_normal(8),                            # distinct values
    ], np.float32)
    emit("operand rows", rows)
    for k in [0, 1, 2, 3, 8]:
        v, i = lax.top_k(jnp.asarray(rows), k)
        emit(f"top_k rows k={k} axis=-1 values", v)
        emit(f"top_k rows k={k} axis=-1 indices", i)

    # A rank-3 operand of small integers (many ties), one NaN and a -0.0 next to a 0.0.
    cube = rng.integers(-3, 4, size=(3, 4, 5)).astype(np.float32)
    cube[1, 2, 3] = nan
    cube[2, 0, 0] = -0.0
    cube[2, 0, 1] = 0.0
    emit("operand cube", cube)
    for axis in [-1, 0, 1]:
        n = cube.shape[axis]
        for k in sorted({1, 2, n}):
            v, i = lax.top_k(jnp.asarray(cube), k, axis=axis)
            emit(f"top_k cube k={k} axis={axis} values", v)
            emit(f"top_k cube k={k} axis={axis} indices", i)

    # Gradients: the cotangent goes to the picked indices, zeros elsewhere.
    for op, x, k, axis in [("rows", rows, 3, -1), ("cube", cube, 2, 0)]:
        out_shape = list(x.shape)
        out_shape[axis] = k
        cot = rng.standard_normal(out_shape).astype(np.float32)
        cid = f"cot_{op}_{k}"
        emit("operand " + cid, cot)
        g = jax.grad(lambda x: jnp.sum(lax.top_k(x, k, axis=axis)[0] * cot))(jnp.asarray(x))
        emit(f"grad {op} k={k} axis={axis} cot={cid}", g)

    VALUES.write()


if __name__ == "__main__":
    main()
