package dev.olympus.benchmarks;

import static dev.olympus.benchmarks.SeluReference.ALPHA;
import static dev.olympus.benchmarks.SeluReference.LAMBDA;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * selu by hand with the JDK's Vector API: the fastest Java we know how to write for it. {@code EXP} is an
 * SVML intrinsic in C2 (JDK 17 and later), which is what makes this loop ~10x faster than the scalar one.
 * Needs {@code --add-modules jdk.incubator.vector} at compile and run time.
 */
final class SeluVectorLoop {
  private SeluVectorLoop() {}

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  static void selu(float[] x, float[] out) {
    int i = 0;
    int upper = SPECIES.loopBound(x.length);
    for (; i < upper; i += SPECIES.length()) {
      FloatVector v = FloatVector.fromArray(SPECIES, x, i);
      FloatVector negative = v.lanewise(VectorOperators.EXP).mul(ALPHA).sub(ALPHA);
      VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
      negative.blend(v, positive).mul(LAMBDA).intoArray(out, i);
    }
    for (; i < x.length; i++) {
      float v = x[i];
      out[i] = LAMBDA * (v > 0 ? v : ALPHA * (float) Math.exp(v) - ALPHA);
    }
  }
}
