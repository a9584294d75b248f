package dev.olympus.difftest.program;

import dev.olympus.DType;
import java.util.SplittableRandom;

/**
 * Input data: ordinary values mostly, and in a share of the inputs the edge values of each dtype (NaN, infinities,
 * signed zeros, the largest and smallest magnitudes, subnormals, int min and max).
 */
final class InputValues {
  private final SplittableRandom r;
  private final ProgramGenerator.Profile profile;

  InputValues(SplittableRandom r, ProgramGenerator.Profile profile) {
    this.r = r;
    this.profile = profile;
  }

  private static final double[] FLOAT_EDGES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
      Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL, -Float.MIN_VALUE, Float.MIN_VALUE * 3, 1.0, -1.0, 0.5, 1e30,
      -1e-30, 88.7, -104.0, 1e6, 16777217.0, 2.5, -0.5};

  private static final double[] DOUBLE_EDGES = {Double.MAX_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1e300, 709.8};

  private static final long[] INT_EDGES = {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, 1, -1, 1 << 16, -(1 << 16), 31, 32, 63, 64};

  private static final long[] LONG_EDGES = {Long.MIN_VALUE, Long.MAX_VALUE, 1L << 40, -(1L << 53) - 1};

  Input make(Ty t) {
    int n = t.size();
    boolean grad = profile == ProgramGenerator.Profile.GRAD;
    // Per input: plain values, small integers (exact in every dtype), or with edge values mixed in.
    int mode = grad ? 0 : r.nextInt(10);
    double edgeShare = mode >= 7 ? 0.3 : 0;
    if (t.isFloat()) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        double x;
        if (grad) {
          x = r.nextDouble(-2, 2);
        } else if (r.nextDouble() < edgeShare) {
          x = t.dtype() == DType.F64 && r.nextInt(4) == 0 ? DOUBLE_EDGES[r.nextInt(DOUBLE_EDGES.length)]
              : FLOAT_EDGES[r.nextInt(FLOAT_EDGES.length)];
        } else if (mode < 3) {
          x = r.nextInt(-8, 9);
        } else {
          x = r.nextGaussian() * (r.nextInt(5) == 0 ? 100 : 2);
        }
        v[i] = t.dtype() == DType.F32 ? (double) (float) x : x;
      }
      return Input.floats(t, v);
    }
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      if (t.isBool()) {
        v[i] = r.nextBoolean() ? 1 : 0;
      } else if (r.nextDouble() < edgeShare) {
        long[] pool = t.dtype() == DType.I64 && r.nextBoolean() ? LONG_EDGES : INT_EDGES;
        v[i] = pool[r.nextInt(pool.length)];
      } else {
        v[i] = r.nextInt(-6, 10);
      }
    }
    return Input.ints(t, v);
  }
}
