"""Side-by-side ratios of Olympus (JMH) and JAX jit for the kernel-compiler workloads.

Runs JAX's side (workloads.py) in-process when JAX is installed, reads Olympus's side from a JMH JSON result
file, and prints one row per workload: JAX us, Olympus us, and Olympus / JAX (lower is better; <= 1.0 means
Olympus is as fast or faster).

    J="java --add-modules jdk.incubator.vector -jar tests/benchmarks/target/benchmarks.jar"
    $J 'RowwiseBenchmark|WideMlpStepBenchmark.jit|MatmulBenchmark.jit$' -rf json -rff olympus.json
    python3 tests/benchmarks/jax/compare.py olympus.json [seconds per JAX workload]
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

# JMH benchmark (and matmul shape parameter) for each workload name of workloads.py.
OLYMPUS = {
    "selu1M": ("RowwiseBenchmark.selu1M", None),
    "sumSelu1M": ("RowwiseBenchmark.sumSelu1M", None),
    "softmax256x1024": ("RowwiseBenchmark.softmax256x1024", None),
    "layerNorm256x1024": ("RowwiseBenchmark.layerNorm256x1024", None),
    "crossEntropy256x1000": ("RowwiseBenchmark.crossEntropy256x1000", None),
    "mlpStep784x256x10": ("WideMlpStepBenchmark.jit", None),
    "matmul1024": ("MatmulBenchmark.jit", "1024x1024x1024:ab"),
    "matmul2048": ("MatmulBenchmark.jit", "2048x2048x2048:ab"),
}

TO_US = {"us/op": 1.0, "ms/op": 1e3, "ns/op": 1e-3, "s/op": 1e6}


def olympus_times(path):
    times = {}
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 2)
        bench = name[-2] + "." + name[-1]
        shape = r.get("params", {}).get("shape")
        metric = r["primaryMetric"]
        times[(bench, shape)] = metric["score"] * TO_US[metric["scoreUnit"]]
    return times


def main():
    results = olympus_times(sys.argv[1])
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 3.0
    import workloads  # imports jax

    jax_times = workloads.run(seconds)
    print(f"{'workload':24s} {'JAX us':>10s} {'Olympus us':>11s} {'Olympus/JAX':>12s}")
    for name, jax_us in jax_times.items():
        key = OLYMPUS.get(name)
        ours = results.get(key) if key else None
        ratio = f"{ours / jax_us:12.2f}" if ours else f"{'-':>12s}"
        print(f"{name:24s} {jax_us:10.1f} {ours if ours else float('nan'):11.1f} {ratio}")


if __name__ == "__main__":
    main()
