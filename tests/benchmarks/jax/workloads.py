"""The workloads of RowwiseBenchmark (and MatmulBenchmark's square products) in JAX jit on CPU.

Prints one line per workload: name and median microseconds per call, after a warm-up, each call on the same
inputs and blocking until the result is ready, as the JMH benchmarks do.

    python3 tests/benchmarks/jax/workloads.py [seconds per workload, default 3] > jax-results.txt
"""
import statistics
import sys
import time

import jax
import jax.numpy as jnp
import numpy as np


def selu(x):
    return jnp.where(x > 0, x, (jnp.exp(x) - 1) * 1.6732632423543772) * 1.0507009873554805


def softmax(x):
    u = jnp.exp(x - jnp.max(x, -1, keepdims=True))
    return u / jnp.sum(u, -1, keepdims=True)


def layer_norm(x, gamma, beta):
    mean = jnp.mean(x, -1, keepdims=True)
    centered = x - mean
    variance = jnp.mean(jnp.square(centered), -1, keepdims=True)
    return centered * jax.lax.rsqrt(variance + 1e-5) * gamma + beta


def cross_entropy(logits, labels):
    shifted = logits - jnp.max(logits, -1, keepdims=True)
    log_probs = shifted - jnp.log(jnp.sum(jnp.exp(shifted), -1, keepdims=True))
    return -jnp.mean(jnp.sum(labels * log_probs, -1))


def mlp_loss(params, x, y):
    w1, b1, w2, b2 = params
    h = jnp.maximum(x @ w1 + b1, 0)
    return cross_entropy(h @ w2 + b2, y)


@jax.jit
def mlp_step(params, x, y):
    loss, grads = jax.value_and_grad(mlp_loss)(params, x, y)
    return loss, tuple(p - 0.01 * g for p, g in zip(params, grads))


def measure(f, args, seconds):
    warm_until = time.perf_counter() + 1.0
    while time.perf_counter() < warm_until:
        jax.block_until_ready(f(*args))
    times = []
    stop = time.perf_counter() + seconds
    while time.perf_counter() < stop or len(times) < 20:
        t0 = time.perf_counter()
        jax.block_until_ready(f(*args))
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e6


def run(seconds):
    """Median microseconds per call of each workload, by name."""
    rng = np.random.default_rng(0)
    g = lambda *shape: jnp.asarray(rng.standard_normal(shape, dtype=np.float32))
    vector, rows, gamma, beta = g(1_000_000), g(256, 1024), g(1024), g(1024)
    logits, labels = g(256, 1000), jnp.exp(g(256, 1000))
    x, y = g(128, 784), jax.nn.softmax(g(128, 10))
    params = (g(784, 256) * 0.05, g(256) * 0.0, g(256, 10) * 0.05, g(10) * 0.0)
    work = [
        ("selu1M", jax.jit(selu), (vector,)),
        ("sumSelu1M", jax.jit(lambda v: jnp.sum(selu(v))), (vector,)),
        ("softmax256x1024", jax.jit(softmax), (rows,)),
        ("layerNorm256x1024", jax.jit(layer_norm), (rows, gamma, beta)),
        ("crossEntropy256x1000", jax.jit(cross_entropy), (logits, labels)),
        ("mlpStep784x256x10", mlp_step, (params, x, y)),
        ("matmul1024", jax.jit(jnp.matmul), (g(1024, 1024), g(1024, 1024))),
        ("matmul2048", jax.jit(jnp.matmul), (g(2048, 2048), g(2048, 2048))),
    ]
    # OpsBenchmark: convolution, pooling, gather, scatter-add, sort.
    images, kernel = g(32, 16, 28, 28), g(32, 16, 3, 3)
    table, updates = g(10_000, 128), g(4096, 128)
    ids = jnp.asarray(rng.integers(0, 10_000, 4096, dtype=np.int32))
    pixels = jnp.asarray(rng.integers(0, 256, (256, 1024), dtype=np.uint8))
    work += [
        ("conv3x3", jax.jit(lambda x, w: jax.lax.conv(x, w, (1, 1), "SAME")), (images, kernel)),
        ("maxPool2x2", jax.jit(lambda x: jax.lax.reduce_window(x, -jnp.inf, jax.lax.max, (1, 1, 2, 2),
                                                               (1, 1, 2, 2), "VALID")), (images,)),
        ("maxPoolGrad2x2", jax.jit(jax.grad(lambda x: jnp.sum(jax.lax.reduce_window(
            x, -jnp.inf, jax.lax.max, (1, 1, 2, 2), (1, 1, 2, 2), "VALID")))), (images,)),
        ("gatherRows", jax.jit(lambda t, i: jnp.take(t, i, axis=0)), (table, ids)),
        ("scatterAddRows", jax.jit(lambda t, i, u: t.at[i].add(u)), (table, ids, updates)),
        ("sortRows", jax.jit(lambda x: jnp.sort(x, axis=-1)), (rows,)),
        ("bf16Chain", jax.jit(lambda x: jnp.tanh(x) * 2 + x * x - 0.5), (rows.astype(jnp.bfloat16),)),
        ("bf16Softmax", jax.jit(softmax), (rows.astype(jnp.bfloat16),)),
        ("f16Chain", jax.jit(lambda x: jnp.tanh(x) * 2 + x * x - 0.5), (rows.astype(jnp.float16),)),
        ("u8Normalize", jax.jit(lambda x: (x.astype(jnp.float32) / 255 - 0.5) * 2), (pixels,)),
        ("i8Quantize", jax.jit(lambda x: jnp.clip(x * 0.5, -128, 127).astype(jnp.int8)), (rows * 100,)),
        ("u8Chain", jax.jit(lambda x: x * 3 + 7 - jnp.minimum(x, jnp.uint8(100))), (pixels,)),
    ]
    return {name: measure(f, args, seconds) for name, f, args in work}


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    print(f"# jax {jax.__version__}, devices {jax.devices()}")
    for name, us in run(seconds).items():
        print(f"{name} {us:.2f}")


if __name__ == "__main__":
    main()
