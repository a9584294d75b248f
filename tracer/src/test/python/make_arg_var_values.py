"""Expected values for Jnp.argmax/argmin/cumsum/sort/argsort/var/std, computed by JAX (CPU).

Writes tracer/src/test/resources/dev/olympus/reductions/arg_var.txt, one case per line:
    name <tab> dtype <tab> shape <tab> input values <tab> result dtype <tab> result shape <tab> result values
Floats are written with repr (round-trip exact); nan as 'nan'. JAX runs with its default 32-bit types, as
Olympus does: indices are int32, the variance of int32 is float32.

    python3 tracer/src/test/python/make_arg_var_values.py
"""
import os

import jax
import jax.numpy as jnp
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "dev", "olympus", "reductions", "arg_var.txt")


def fmt(a):
    return " ".join("nan" if isinstance(v, float) and np.isnan(v) else repr(v) for v in np.asarray(a).ravel().tolist())


def shape(a):
    return ",".join(str(d) for d in np.shape(a))


def main():
    rng = np.random.default_rng(0)
    x = rng.integers(-3, 4, size=(3, 4)).astype(np.float32)  # small integers: ties
    xn = x.copy()
    xn[1, 2] = np.nan
    xn[2, 0] = np.nan
    xi = rng.integers(-5, 6, size=(2, 3, 4)).astype(np.int32)
    xf = rng.standard_normal((3, 7)).astype(np.float32)
    cases = []
    for name, a in [("f32", x), ("f32nan", xn), ("i32", xi)]:
        for axis in range(-1, a.ndim):
            cases.append((f"argmax axis={axis} {name}", a, jnp.argmax(a, axis)))
            cases.append((f"argmin axis={axis} {name}", a, jnp.argmin(a, axis)))
    for name, a in [("f32", xf), ("i32", xi)]:
        for axis in range(-1, a.ndim):
            cases.append((f"cumsum axis={axis} {name}", a, jnp.cumsum(a, axis)))
    for name, a in [("f32", x), ("f32nan", xn), ("i32", xi)]:
        for axis in range(-1, a.ndim):
            cases.append((f"sort axis={axis} {name}", a, jnp.sort(a, axis)))
            cases.append((f"argsort axis={axis} {name}", a, jnp.argsort(a, axis)))
    for name, a in [("f32", xf), ("i32", xi)]:
        cases.append((f"var all {name}", a, jnp.var(a)))
        cases.append((f"var axis=1 {name}", a, jnp.var(a, axis=1)))
        cases.append((f"var axis=1 ddof=1 {name}", a, jnp.var(a, axis=1, ddof=1)))
        cases.append((f"std axis=0 {name}", a, jnp.std(a, axis=0)))
        # ddof at and past the axis length: JAX gives NaN, not the infinity of dividing by zero.
        n = a.shape[1]
        cases.append((f"var axis=1 ddof={n} {name}", a, jnp.var(a, axis=1, ddof=n)))
        cases.append((f"std axis=1 ddof={n + 2} {name}", a, jnp.std(a, axis=1, ddof=n + 2)))
    with open(OUT, "w") as f:
        f.write(f"# jax {jax.__version__}; made by tracer/src/test/python/make_arg_var_values.py\n")
        for name, a, r in cases:
            r = np.asarray(r)
            f.write("\t".join([name, str(np.asarray(a).dtype), shape(a), fmt(a), str(r.dtype), shape(r), fmt(r)]) + "\n")


if __name__ == "__main__":
    main()
