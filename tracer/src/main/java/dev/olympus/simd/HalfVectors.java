package dev.olympus.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API bodies of {@link HalfStrips}' bf16 loops, loaded only when {@code jdk.incubator.vector} is
 * present: bf16 is the top half of an f32, so widening is a shift, narrowing a shift of a value already rounded,
 * and rounding integer arithmetic on the bits, lane for lane what the scalar loops (and {@code HalfPrecision})
 * do, so the two forms agree bit for bit.
 */
final class HalfVectors {
  private HalfVectors() {}

  private static final VectorSpecies<Float> S = FloatVectors.S;
  private static final int L = FloatVectors.L;
  /** As many short lanes as {@code S} has floats. */
  private static final VectorSpecies<Short> SS = VectorSpecies.of(short.class, VectorShape.forBitSize(16 * L));
  private static final VectorSpecies<Integer> SI = FloatVectors.SI;

  static void roundBf16(float[] a, int ao, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, a, ao + i);
      IntVector x = (IntVector) v.reinterpretShape(SI, 0);
      IntVector lowestKept = x.lanewise(VectorOperators.LSHR, 16).and(1);
      FloatVector rounded = (FloatVector) x.add(0x7fff).add(lowestKept).and(0xffff0000).reinterpretShape(S, 0);
      FloatVector quiet = (FloatVector) x.and(0xffff0000).or(0x400000).reinterpretShape(S, 0);
      VectorMask<Float> nan = v.test(VectorOperators.IS_NAN);
      rounded.blend(quiet, nan).intoArray(a, ao + i);
    }
    HalfStrips.roundBf16Scalar(a, ao + i, n - i);
  }

  static void loadBf16(short[] a, int ao, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = (IntVector) ShortVector.fromArray(SS, a, ao + i).convertShape(VectorOperators.S2I, SI, 0);
      ((FloatVector) x.lanewise(VectorOperators.LSHL, 16).reinterpretShape(S, 0)).intoArray(d, dOff + i);
    }
    HalfStrips.loadBf16Scalar(a, ao + i, d, dOff + i, n - i);
  }

  static void storeBf16(float[] a, int ao, short[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = (IntVector) FloatVector.fromArray(S, a, ao + i).reinterpretShape(SI, 0);
      ((ShortVector) x.lanewise(VectorOperators.LSHR, 16).convertShape(VectorOperators.I2S, SS, 0))
          .intoArray(d, dOff + i);
    }
    HalfStrips.storeBf16Scalar(a, ao + i, d, dOff + i, n - i);
  }
}
