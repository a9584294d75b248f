"""Side-by-side ratios of Olympus (JMH) and JAX jit for the kernel-compiler workloads.

Runs JAX's side (workloads.py) in-process when JAX is installed, reads Olympus's side from a JMH JSON result
file, and prints one row per workload: JAX us, Olympus us, and Olympus / JAX (lower is better; <= 1.0 means
Olympus is as fast or faster).

    J="java --add-modules jdk.incubator.vector -jar tests/benchmarks/target/benchmarks.jar"
    $J 'RowwiseBenchmark|WideMlpStepBenchmark.jit|MatmulBenchmark.jit$' -rf json -rff olympus.json
    python3 tests/benchmarks/jax/compare.py olympus.json [seconds per JAX workload] [--chart chart.png]

With --chart it also draws the three side by side (JAX jit, Olympus.jit and, where the JMH file has them,
Olympus eager), one group of bars per workload on a log scale, with matplotlib (pip install matplotlib).
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
    "conv3x3": ("OpsBenchmark.conv3x3", None),
    "maxPool2x2": ("OpsBenchmark.maxPool2x2", None),
    "maxPoolGrad2x2": ("OpsBenchmark.maxPoolGrad2x2", None),
    "gatherRows": ("OpsBenchmark.gatherRows", None),
    "scatterAddRows": ("OpsBenchmark.scatterAddRows", None),
    "sortRows": ("OpsBenchmark.sortRows", None),
    "bf16Chain": ("OpsBenchmark.bf16ChainJit", None),
    "f16Chain": ("OpsBenchmark.f16ChainJit", None),
    "bf16Softmax": ("OpsBenchmark.bf16SoftmaxJit", None),
    "u8Normalize": ("OpsBenchmark.u8NormalizeJit", None),
    "i8Quantize": ("OpsBenchmark.i8QuantizeJit", None),
    "u8Chain": ("OpsBenchmark.u8ChainJit", None),
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


# The eager counterpart of each workload, where the JMH file has one.
EAGER = {
    "selu1M": "RowwiseBenchmark.eagerSelu1M",
    "sumSelu1M": "RowwiseBenchmark.eagerSumSelu1M",
    "softmax256x1024": "RowwiseBenchmark.eagerSoftmax256x1024",
    "layerNorm256x1024": "RowwiseBenchmark.eagerLayerNorm256x1024",
    "crossEntropy256x1000": "RowwiseBenchmark.eagerCrossEntropy256x1000",
}


def chart(path, rows):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [r[0] for r in rows]
    series = [("JAX jit (XLA CPU)", 1, "#4c72b0"), ("Olympus.jit", 2, "#dd8452"), ("Olympus eager", 3, "#8c8c8c")]
    fig, ax = plt.subplots(figsize=(10, 4.2))
    width = 0.27
    for k, (label, column, color) in enumerate(series):
        xs = [i + (k - 1) * width for i in range(len(rows))]
        ys = [r[column] if r[column] else 0 for r in rows]
        ax.bar(xs, ys, width, label=label, color=color)
    ax.set_yscale("log")
    ax.set_ylabel("µs per call (log scale, lower is better)")
    ax.set_xticks(range(len(rows)))
    ax.set_xticklabels(names, rotation=20, ha="right", fontsize=8)
    ax.legend(fontsize=8, loc="upper center", ncol=3)
    ax.set_ylim(top=max(max(r[1:] , key=lambda v: v or 0) or 1 for r in rows) * 12)
    ax.set_title("Olympus vs JAX 0.10 on CPU (2 vCPU), one side-by-side run")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--chart")]
    chart_path = None
    if "--chart" in sys.argv:
        chart_path = sys.argv[sys.argv.index("--chart") + 1]
        args = [a for a in args if a != chart_path]
    results = olympus_times(args[0])
    seconds = float(args[1]) if len(args) > 1 else 3.0
    import workloads  # imports jax

    jax_times = workloads.run(seconds)
    rows = []
    print(f"{'workload':24s} {'JAX us':>10s} {'Olympus us':>11s} {'Olympus/JAX':>12s} {'eager us':>10s}")
    for name, jax_us in jax_times.items():
        key = OLYMPUS.get(name)
        ours = results.get(key) if key else None
        eager = results.get((EAGER[name], None)) if name in EAGER else None
        rows.append((name, jax_us, ours, eager))
        ratio = f"{ours / jax_us:12.2f}" if ours else f"{'-':>12s}"
        print(f"{name:24s} {jax_us:10.1f} {ours if ours else float('nan'):11.1f} {ratio} "
              f"{eager if eager else float('nan'):10.1f}")
    if chart_path:
        chart(chart_path, rows)
        print("chart written to " + chart_path)


if __name__ == "__main__":
    main()
