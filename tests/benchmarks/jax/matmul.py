"""float32 matrix products in JAX jit (XLA CPU), the shapes of MatmulBenchmark.

Prints the median time per call over many calls after a warm-up, and GFLOP/s = 2 m k n / time.

    python3 tests/benchmarks/jax/matmul.py [seconds per shape, default 5]
"""
import statistics
import sys
import time

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

# m, k, n and how the operands are stored (see MatmulBenchmark.shape).
SHAPES = [
    (1024, 1024, 1024, "ab"),
    (2048, 2048, 2048, "ab"),
    (128, 784, 256, "ab"),
    (128, 256, 10, "ab"),
    (784, 128, 256, "aTb"),
    (128, 10, 256, "abT"),
]


def product(layout):
    if layout == "ab":
        return jax.jit(jnp.matmul)
    if layout == "aTb":  # a stored as [k, m], contracted over its first dimension
        return jax.jit(lambda a, b: lax.dot_general(a, b, (((0,), (0,)), ((), ()))))
    if layout == "abT":  # b stored as [n, k], contracted over its last dimension
        return jax.jit(lambda a, b: lax.dot_general(a, b, (((1,), (1,)), ((), ()))))
    raise ValueError(layout)


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    print(f"jax {jax.__version__}, devices {jax.devices()}")
    rng = np.random.default_rng(0)
    for m, k, n, layout in SHAPES:
        a_shape = (k, m) if layout == "aTb" else (m, k)
        b_shape = (n, k) if layout == "abT" else (k, n)
        a = jnp.asarray(rng.standard_normal(a_shape, dtype=np.float32))
        b = jnp.asarray(rng.standard_normal(b_shape, dtype=np.float32))
        f = product(layout)
        warm_until = time.perf_counter() + 1.0
        while time.perf_counter() < warm_until:
            f(a, b).block_until_ready()
        times = []
        stop = time.perf_counter() + seconds
        while time.perf_counter() < stop or len(times) < 20:
            t0 = time.perf_counter()
            f(a, b).block_until_ready()
            times.append(time.perf_counter() - t0)
        med = statistics.median(times)
        print(f"{m}x{k}x{n}:{layout:4s} median {med * 1e3:9.4f} ms over {len(times):6d} calls, "
              f"{2.0 * m * k * n / med / 1e9:7.1f} GFLOP/s")


if __name__ == "__main__":
    main()
