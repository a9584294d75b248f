"""Expected values for dev.olympus.nn.Nn, computed by JAX 0.10.2 (CPU, default 32-bit types): jax.nn.gelu (exact
and approximate), jax.nn.one_hot, and max and average pooling as flax.linen.max_pool / avg_pool compute them
(lax.reduce_window with -inf and lax.max, or 0 and lax.add then a division by the window's size; padding VALID)
over the H and W axes of an NCHW batch, which is what Nn.maxPool / Nn.avgPool claim to mirror.

Writes kernels-generated/src/test/resources/dev/olympus/nn/values.txt, which NnJaxValuesTest reads, one case per
line:
    name|shape|values
where shape is comma-separated (empty for a scalar) and values are space-separated in row-major order. Floats
are written with repr (they round-trip exactly to float32); nan, -nan (a NaN with its sign bit set), inf and -inf
by name. The lines are:
    input <id>|...                                 an input (labels are int32)
    gelu exact <id>|...                            jax.nn.gelu(x, approximate=False)
    gelu approximate <id>|...                      jax.nn.gelu(x, approximate=True)
    one_hot <id> classes=<n>|...                   jax.nn.one_hot(labels, n)
    max_pool <id> window=<w> stride=<s>|...        reduce_window(x, -inf, max, (1, 1, w, w), (1, 1, s, s), VALID)
    avg_pool <id> window=<w> stride=<s>|...        reduce_window(x, 0, add, (1, 1, w, w), (1, 1, s, s), VALID) / w*w

Run: python3 tracer/src/test/python/make_nn_values.py
"""
import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from jax_values import Values

VALUES = Values("tracer/src/test/python/make_nn_values.py", "nn", "kernels-generated/src/test/resources", dtypes=False)
emit = VALUES.emit


def max_pool(x, w, s):
    """flax.linen.max_pool over the last two axes: pool(x, -inf, lax.max, window, strides, 'VALID')."""
    return lax.reduce_window(x, -jnp.inf, lax.max, (1, 1, w, w), (1, 1, s, s), "VALID")


def avg_pool(x, w, s):
    """flax.linen.avg_pool (count_include_pad=True) over the last two axes: the window sum / prod(window)."""
    return lax.reduce_window(x, 0.0, lax.add, (1, 1, w, w), (1, 1, s, s), "VALID") / np.prod((w, w))


def main():
    rng = np.random.default_rng(11)
    nan, inf = np.nan, np.inf
    # A spread over the whole float32 range: where erf and tanh saturate (|x| >= 4 and 10), zero of both signs,
    # subnormals, the largest finite, infinities and NaN; then the range where the curve bends, densely.
    spread = np.array([-3.4e38, -1e30, -1e4, -100, -20, -10, -9, -6, -5, -4, -3.5, -3, -2.5, -2, -1.5, -1, -0.75,
                       -0.5, -0.25, -0.1, -1e-3, -1e-20, -1e-40, -0.0, 0.0, 1e-40, 1e-20, 1e-3, 0.1, 0.25, 0.5,
                       0.75, 1, 1.5, 2, 2.5, 2.9, 3, 3.1, 3.5, 4, 5, 6, 9, 10, 20, 100, 1e4, 1e30, 3.4e38, inf,
                       -inf, nan], np.float32)
    dense = (rng.standard_normal(64) * 2.5).astype(np.float32)
    for name, x in [("spread", spread), ("normal", dense)]:
        emit("input " + name, x)
        emit("gelu exact " + name, jax.nn.gelu(jnp.asarray(x), approximate=False))
        emit("gelu approximate " + name, jax.nn.gelu(jnp.asarray(x), approximate=True))

    labels = np.array([2, 0, -1, 3, 1, 7, -5, 4, 9, 10, 2147483647, -2147483648], np.int32)
    emit("input labels", labels)
    for n in [0, 1, 3, 4, 10]:
        emit(f"one_hot labels classes={n}", jax.nn.one_hot(jnp.asarray(labels), n))

    # NCHW batches: normals; and one channel holding NaN, +-inf and +-0.0 (max of 0.0 and -0.0, NaN propagation).
    x = rng.standard_normal((2, 3, 6, 7)).astype(np.float32)
    special = np.array([[[[0.0, -0.0, 1, -1, nan],
                          [-0.0, -0.0, 2, inf, -2],
                          [-inf, -inf, -0.0, 0.0, 3],
                          [-inf, 5, -0.0, -0.0, -inf]]]], np.float32)
    for name, v, pools in [("x", x, [(1, 1), (2, 2), (2, 1), (3, 1), (3, 2), (6, 1)]),
                           ("special", special, [(2, 2), (2, 1), (3, 1)])]:
        emit("input " + name, v)
        for w, s in pools:
            emit(f"max_pool {name} window={w} stride={s}", max_pool(jnp.asarray(v), w, s))
            emit(f"avg_pool {name} window={w} stride={s}", avg_pool(jnp.asarray(v), w, s))

    VALUES.write()


if __name__ == "__main__":
    main()
