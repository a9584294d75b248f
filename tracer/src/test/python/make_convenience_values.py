"""Expected values for the jnp conveniences (log10, exp2, rsqrt, reciprocal, isnan, isfinite, isinf, arcsin, arccos, arctan, logaddexp,
allclose, keepdims reductions (prod too), tile, repeat, pad), computed by JAX (CPU, default 32-bit types).

Writes tracer/src/test/resources/dev/olympus/conveniences/values.txt, one case per line:
    name <tab> x dtype <tab> x shape <tab> x values <tab> y values (or empty) <tab> result dtype <tab> result shape
    <tab> result values
Floats are written with repr (round-trip exact); nan, inf, -inf by name.

    python3 tracer/src/test/python/make_convenience_values.py
"""
import os

import jax
import jax.numpy as jnp
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "dev", "olympus", "conveniences", "values.txt")


def fmt(a):
    out = []
    for v in np.asarray(a).ravel().tolist():
        if isinstance(v, bool):
            out.append("1" if v else "0")
        elif isinstance(v, float) and np.isnan(v):
            out.append("nan")
        elif isinstance(v, float) and np.isinf(v):
            out.append("inf" if v > 0 else "-inf")
        else:
            out.append(repr(v))
    return " ".join(out)


def shape(a):
    return ",".join(str(d) for d in np.shape(a))


def main():
    special = np.array([0.5, 2.0, 10.0, 0.0, -1.0, np.inf, -np.inf, np.nan, 1e-3, 3.0, -7.25, 100.0], np.float32)
    other = np.array([1.0, -3.0, 10.0, 0.0, np.inf, np.inf, -np.inf, 2.0, 1e-3, 40.0, -7.25, -100.0], np.float32)
    rng = np.random.default_rng(0)
    m = rng.standard_normal((3, 4, 5)).astype(np.float32)
    near = (other * (1 + 2e-6)).astype(np.float32)
    cases = []
    for name, f in [("log10", jnp.log10), ("exp2", jnp.exp2), ("rsqrt", jax.lax.rsqrt),
                    ("reciprocal", jnp.reciprocal), ("isnan", jnp.isnan), ("isfinite", jnp.isfinite),
                    ("isinf", jnp.isinf), ("arcsin", jnp.arcsin), ("arccos", jnp.arccos),
                    ("arctan", jnp.arctan)]:
        cases.append((name, special, None, f(special)))
    cases.append(("logaddexp", special, other, jnp.logaddexp(special, other)))
    finite = np.where(np.isfinite(other), other, 1).astype(np.float32)
    cases.append(("allclose", finite, (finite * (1 + 2e-6)).astype(np.float32),
                  jnp.allclose(finite, (finite * (1 + 2e-6)).astype(np.float32))))
    cases.append(("allclose", finite, (finite * (1 + 1e-4)).astype(np.float32),
                  jnp.allclose(finite, (finite * (1 + 1e-4)).astype(np.float32))))
    cases.append(("allclose", other, near, jnp.allclose(other, near)))
    for red in ["sum", "mean", "max", "min", "prod"]:
        f = getattr(jnp, red)
        for axes in [(1,), (0, 2), (0, 1, 2)]:
            cases.append((f"{red} keepdims axes={','.join(map(str, axes))}", m, None, f(m, axis=axes, keepdims=True)))
    small = rng.standard_normal((2, 3)).astype(np.float32)
    for reps in [(2, 1), (2,), (2, 1, 2), (0, 3)]:
        cases.append((f"tile reps={','.join(map(str, reps))}", small, None, jnp.tile(small, reps)))
    for repeats, axis in [(2, 1), (3, -2), (0, 0)]:
        cases.append((f"repeat repeats={repeats} axis={axis}", small, None, jnp.repeat(small, repeats, axis=axis)))
    cases.append(("repeat repeats=2", small, None, jnp.repeat(small, 2)))
    cases.append(("pad width=1,2;0,1", small, None, jnp.pad(small, ((1, 2), (0, 1)))))
    cases.append(("pad width=2,0;1,1 value=-1.5", small, None,
                  jnp.pad(small, ((2, 0), (1, 1)), constant_values=-1.5)))
    with open(OUT, "w") as out:
        out.write(f"# jax {jax.__version__}; made by tracer/src/test/python/make_convenience_values.py\n")
        for name, x, y, r in cases:
            r = np.asarray(r)
            out.write("\t".join([name, str(x.dtype), shape(x), fmt(x), "" if y is None else fmt(y), str(r.dtype),
                                 shape(r), fmt(r)]) + "\n")


if __name__ == "__main__":
    main()
