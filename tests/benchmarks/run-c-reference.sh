#!/usr/bin/env bash
# Builds and runs the C reference for SeluBenchmark (not part of the Maven build).
# Usage: tests/benchmarks/run-c-reference.sh [N] [calls]     (defaults: N = 1000000, 500 timed calls)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/target/c"
mkdir -p "$out"
gcc -O3 -march=native -ffast-math -std=c11 -o "$out/selu" "$here/c/selu.c" -lm
# Report whether gcc vectorized expf through libmvec (_ZGV... symbols), which is what makes it fast.
if nm "$out/selu" | grep -q '_ZGV.*expf'; then
  echo "expf vectorized via libmvec: $(nm "$out/selu" | grep -o '_ZGV[A-Za-z0-9_]*expf' | sort -u | tr '\n' ' ')"
else
  echo "expf NOT vectorized (scalar calls)"
fi
"$out/selu" "$@"
