package dev.olympus.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API bodies of {@link HalfStrips}' loops, loaded only when {@code jdk.incubator.vector} is present,
 * lane for lane what the scalar loops (and {@code HalfPrecision}) do, so the two forms agree bit for bit. bf16 is
 * the top half of an f32: widening is a shift, narrowing a shift of a value already rounded, and rounding integer
 * arithmetic on the bits. f16 has its own exponent range, so each case of {@code HalfPrecision}'s branches
 * (normal, subnormal, overflow, NaN) is computed in every lane and the lane's case selected by a mask.
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

  static void loadF16(short[] a, int ao, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector h = (IntVector) ShortVector.fromArray(SS, a, ao + i).convertShape(VectorOperators.S2I, SI, 0);
      f16ToFloat(h).intoArray(d, dOff + i);
    }
    HalfStrips.loadF16Scalar(a, ao + i, d, dOff + i, n - i);
  }

  static void storeF16(float[] a, int ao, short[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = (IntVector) FloatVector.fromArray(S, a, ao + i).reinterpretShape(SI, 0);
      ((ShortVector) floatToF16(x).convertShape(VectorOperators.I2S, SS, 0)).intoArray(d, dOff + i);
    }
    HalfStrips.storeF16Scalar(a, ao + i, d, dOff + i, n - i);
  }

  /**
   * Rounding to f16 without leaving f32 (every op of a fused f16 chain does this, so it is half the work of a
   * narrowing and a widening): in f16's normal range the 13 low mantissa bits round to nearest even as bf16's 16
   * do, a carry reaching 65,536 is infinity; below 2^-14, adding and taking away 0.5f rounds to f16's subnormal
   * step of 2^-24; a NaN is quieted with its top mantissa bits kept, as {@code HalfPrecision} narrows it.
   */
  static void roundF16(float[] a, int ao, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, a, ao + i);
      IntVector x = (IntVector) v.reinterpretShape(SI, 0);
      IntVector magnitude = x.and(0x7fffffff);
      IntVector normal = magnitude.add(0xfff).add(magnitude.lanewise(VectorOperators.LSHR, 13).and(1)).and(0xffffe000);
      FloatVector abs = (FloatVector) magnitude.reinterpretShape(S, 0);
      IntVector subnormal = (IntVector) abs.add(0.5f).sub(0.5f).reinterpretShape(SI, 0);
      IntVector bits = normal.blend(subnormal, magnitude.compare(VectorOperators.LT, 0x38800000))
          .blend(0x7f800000, normal.compare(VectorOperators.GE, 0x47800000))
          .blend(magnitude.and(0xffffe000).or(0x400000), magnitude.compare(VectorOperators.GT, 0x7f800000));
      ((FloatVector) bits.or(x.and(0x80000000)).reinterpretShape(S, 0)).intoArray(a, ao + i);
    }
    HalfStrips.roundF16Scalar(a, ao + i, n - i);
  }

  /**
   * The f32 of f16 bits (in the low half of each lane, sign-extended or not): the magnitude's exponent and
   * mantissa moved into an f32's fields and scaled by 2^112, which is exact and makes f16's subnormals f32
   * normals; an exponent of 31 (infinity, NaN) becomes 255 with the mantissa kept.
   */
  private static FloatVector f16ToFloat(IntVector h) {
    IntVector magnitude = h.and(0x7fff);
    IntVector sign = h.and(0x8000).lanewise(VectorOperators.LSHL, 16);
    IntVector fields = magnitude.lanewise(VectorOperators.LSHL, 13);
    IntVector finite = (IntVector) ((FloatVector) fields.reinterpretShape(S, 0)).mul(0x1p112f).reinterpretShape(SI, 0);
    IntVector bits = finite.blend(fields.or(0x7f800000), magnitude.compare(VectorOperators.GE, 0x7c00));
    return (FloatVector) bits.or(sign).reinterpretShape(S, 0);
  }

  /** The f16 bits nearest each lane's f32 (given as its bits), in the low half of the lane. */
  private static IntVector floatToF16(IntVector x) {
    IntVector sign = x.lanewise(VectorOperators.LSHR, 16).and(0x8000);
    IntVector a = x.and(0x7fffffff);
    // Normal: rebias the exponent (127 -> 15) and round the 13 dropped bits to nearest even; a carry walks into
    // the exponent, and from 65504 up to infinity.
    IntVector v = a.sub(112 << 23);
    IntVector normal = v.add(0xfff).add(v.lanewise(VectorOperators.LSHR, 13).and(1)).lanewise(VectorOperators.LSHR, 13);
    // Subnormal (below 2^-14): adding 0.5f leaves units of 2^-24 in the low bits, rounded to nearest even by the
    // addition itself, as HalfPrecision's shift of the whole significand rounds them.
    IntVector subnormal = ((IntVector) ((FloatVector) a.reinterpretShape(S, 0)).add(0.5f).reinterpretShape(SI, 0))
        .sub(0x3f000000);
    IntVector nan = a.lanewise(VectorOperators.LSHR, 13).and(0x3ff).or(0x7e00);
    IntVector bits = normal.blend(subnormal, a.compare(VectorOperators.LT, 0x38800000))
        .blend(0x7c00, a.compare(VectorOperators.GE, 0x47800000))
        .blend(nan, a.compare(VectorOperators.GT, 0x7f800000));
    return bits.or(sign);
  }
}
