package dev.olympus.simd;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API bodies of {@link NarrowIntStrips}, loaded only when {@code jdk.incubator.vector} is present. A
 * widening load reads a quarter (bytes) or half (shorts) of a vector's width and sign-extends it into the
 * preferred int lanes ({@code vpmovsxbd}), masking for the unsigned types; a store truncates back
 * ({@code vpmovdb}), which keeps the low bits as the scalar casts do. Tails run the scalar loops.
 */
final class NarrowIntVectors {
  private NarrowIntVectors() {}

  static final VectorSpecies<Integer> S = IntVector.SPECIES_PREFERRED;
  static final int L = S.length();
  static final VectorSpecies<Byte> SB =
      ByteVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(S.vectorBitSize() / 4));
  static final VectorSpecies<Short> SS =
      ShortVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(S.vectorBitSize() / 2));
  static final VectorSpecies<Long> SL = LongVector.SPECIES_PREFERRED;
  static final int LL = SL.length();
  static final VectorSpecies<Integer> SI_HALF =
      IntVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(SL.vectorBitSize() / 2));

  static void loadBytes(byte[] a, int ao, int[] out, int oo, int n, boolean unsigned) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector v = (IntVector) ByteVector.fromArray(SB, a, ao + i).convertShape(VectorOperators.B2I, S, 0);
      (unsigned ? v.and(0xff) : v).intoArray(out, oo + i);
    }
    for (; i < n; i++) out[oo + i] = unsigned ? a[ao + i] & 0xff : a[ao + i];
  }

  static void loadShorts(short[] a, int ao, int[] out, int oo, int n, boolean unsigned) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector v = (IntVector) ShortVector.fromArray(SS, a, ao + i).convertShape(VectorOperators.S2I, S, 0);
      (unsigned ? v.and(0xffff) : v).intoArray(out, oo + i);
    }
    for (; i < n; i++) out[oo + i] = unsigned ? a[ao + i] & 0xffff : a[ao + i];
  }

  static void loadU32(int[] a, int ao, long[] out, int oo, int n) {
    int i = 0;
    for (int bound = SL.loopBound(n); i < bound; i += LL) {
      LongVector v = (LongVector) IntVector.fromArray(SI_HALF, a, ao + i).convertShape(VectorOperators.I2L, SL, 0);
      v.and(0xffffffffL).intoArray(out, oo + i);
    }
    for (; i < n; i++) out[oo + i] = a[ao + i] & 0xffffffffL;
  }

  static void storeBytes(int[] a, int ao, byte[] out, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      ((ByteVector) IntVector.fromArray(S, a, ao + i).convertShape(VectorOperators.I2B, SB, 0)).intoArray(out, oo + i);
    }
    for (; i < n; i++) out[oo + i] = (byte) a[ao + i];
  }

  static void storeShorts(int[] a, int ao, short[] out, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      ((ShortVector) IntVector.fromArray(S, a, ao + i).convertShape(VectorOperators.I2S, SS, 0)).intoArray(out, oo + i);
    }
    for (; i < n; i++) out[oo + i] = (short) a[ao + i];
  }

  static void storeU32(long[] a, int ao, int[] out, int oo, int n) {
    int i = 0;
    for (int bound = SL.loopBound(n); i < bound; i += LL) {
      ((IntVector) LongVector.fromArray(SL, a, ao + i).convertShape(VectorOperators.L2I, SI_HALF, 0))
          .intoArray(out, oo + i);
    }
    for (; i < n; i++) out[oo + i] = (int) a[ao + i];
  }

  /** Sign-extends the low {@code 32 - shift} bits of each element ({@code shift} 24 for i8, 16 for i16). */
  static void signExtend(int[] a, int ao, int n, int shift) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector.fromArray(S, a, ao + i).lanewise(VectorOperators.LSHL, shift).lanewise(VectorOperators.ASHR, shift)
          .intoArray(a, ao + i);
    }
    for (; i < n; i++) a[ao + i] = (a[ao + i] << shift) >> shift;
  }

  static void mask(int[] a, int ao, int n, int bits) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) IntVector.fromArray(S, a, ao + i).and(bits).intoArray(a, ao + i);
    for (; i < n; i++) a[ao + i] &= bits;
  }

  static void mask(long[] a, int ao, int n, long bits) {
    int i = 0;
    for (int bound = SL.loopBound(n); i < bound; i += LL) {
      LongVector.fromArray(SL, a, ao + i).and(bits).intoArray(a, ao + i);
    }
    for (; i < n; i++) a[ao + i] &= bits;
  }

  static void clamp(int[] a, int ao, int n, int lo, int hi) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector.fromArray(S, a, ao + i).max(lo).min(hi).intoArray(a, ao + i);
    }
    for (; i < n; i++) a[ao + i] = Math.max(lo, Math.min(hi, a[ao + i]));
  }

  static void clamp(long[] a, int ao, int n, long lo, long hi) {
    int i = 0;
    for (int bound = SL.loopBound(n); i < bound; i += LL) {
      LongVector.fromArray(SL, a, ao + i).max(lo).min(hi).intoArray(a, ao + i);
    }
    for (; i < n; i++) a[ao + i] = Math.max(lo, Math.min(hi, a[ao + i]));
  }
}
