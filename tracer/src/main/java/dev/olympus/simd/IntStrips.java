package dev.olympus.simd;

/**
 * The int32 strip operations (see {@link FloatStrips} for the conventions). Bools are computed as these ints, 0 and 1: comparisons of every dtype write them, selects read them, and the logical ops on them are the bitwise ones (with {@link #boolNot} for not).
 * Integer arithmetic wraps (two's complement) and never throws, as XLA's.
 */
public final class IntStrips {
  private IntStrips() {}

  static final boolean VECTOR = VectorModule.ENABLED;

  public static void neg(int[] a, int ao, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.neg(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = neg(a[ao + i]);
  }

  public static int neg(int x) { return -x; }

  public static void abs(int[] a, int ao, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.abs(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = abs(a[ao + i]);
  }

  public static int abs(int x) { return Math.abs(x); }

  public static void sign(int[] a, int ao, int[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = sign(a[ao + i]);
  }

  public static int sign(int x) { return Integer.signum(x); }

  public static void not(int[] a, int ao, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.not(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = not(a[ao + i]);
  }

  public static int not(int x) { return ~x; }

  /** Logical not of a bool strip (0/1). */
  public static void boolNot(int[] a, int ao, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.boolNot(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = boolNot(a[ao + i]);
  }

  public static int boolNot(int x) { return x ^ 1; }

  public static int add(int x, int y) { return x + y; }

  public static void add(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.add(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = add(a[ao + i], b[bo + i]);
  }

  public static void add(int[] a, int ao, int b, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.add(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = add(a[ao + i], b);
  }

  public static void add(int a, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.add(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = add(a, b[bo + i]);
  }

  public static int sub(int x, int y) { return x - y; }

  public static void sub(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.sub(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = sub(a[ao + i], b[bo + i]);
  }

  public static void sub(int[] a, int ao, int b, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.sub(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = sub(a[ao + i], b);
  }

  public static void sub(int a, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.sub(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = sub(a, b[bo + i]);
  }

  public static int mul(int x, int y) { return x * y; }

  public static void mul(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.mul(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = mul(a[ao + i], b[bo + i]);
  }

  public static void mul(int[] a, int ao, int b, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.mul(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = mul(a[ao + i], b);
  }

  public static void mul(int a, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.mul(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = mul(a, b[bo + i]);
  }

  /** XLA's integer division: truncating, {@code x / 0 == -1}, {@code MIN / -1 == MIN}; never throws. */
  public static int div(int x, int y) { return y == 0 ? -1 : x / y; }

  public static void div(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = div(a[ao + i], b[bo + i]);
  }

  public static void div(int[] a, int ao, int b, int[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = div(a[ao + i], b);
  }

  public static void div(int a, int[] b, int bo, int[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = div(a, b[bo + i]);
  }

  /** XLA's remainder: the dividend's sign, {@code x % 0 == x}, {@code MIN % -1 == 0}. */
  public static int rem(int x, int y) { return y == 0 ? x : x % y; }

  public static void rem(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = rem(a[ao + i], b[bo + i]);
  }

  public static void rem(int[] a, int ao, int b, int[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = rem(a[ao + i], b);
  }

  public static void rem(int a, int[] b, int bo, int[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = rem(a, b[bo + i]);
  }

  /** {@code jnp.power} of integers (JAX's {@code _pow_int_int}): only the exponent's low six bits count. */
  public static int pow(int x, int y) { return (int) powInteger(x, y); }

  public static void pow(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = pow(a[ao + i], b[bo + i]);
  }

  public static void pow(int[] a, int ao, int b, int[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = pow(a[ao + i], b);
  }

  public static void pow(int a, int[] b, int bo, int[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = pow(a, b[bo + i]);
  }

  public static int max(int x, int y) { return Math.max(x, y); }

  public static void max(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.max(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = max(a[ao + i], b[bo + i]);
  }

  public static void max(int[] a, int ao, int b, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.max(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = max(a[ao + i], b);
  }

  public static void max(int a, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.max(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = max(a, b[bo + i]);
  }

  public static int min(int x, int y) { return Math.min(x, y); }

  public static void min(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.min(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = min(a[ao + i], b[bo + i]);
  }

  public static void min(int[] a, int ao, int b, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.min(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = min(a[ao + i], b);
  }

  public static void min(int a, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.min(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = min(a, b[bo + i]);
  }

  public static int and(int x, int y) { return x & y; }

  public static void and(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.and(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = and(a[ao + i], b[bo + i]);
  }

  public static void and(int[] a, int ao, int b, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.and(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = and(a[ao + i], b);
  }

  public static void and(int a, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.and(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = and(a, b[bo + i]);
  }

  public static int or(int x, int y) { return x | y; }

  public static void or(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.or(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = or(a[ao + i], b[bo + i]);
  }

  public static void or(int[] a, int ao, int b, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.or(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = or(a[ao + i], b);
  }

  public static void or(int a, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.or(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = or(a, b[bo + i]);
  }

  public static int xor(int x, int y) { return x ^ y; }

  public static void xor(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.xor(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = xor(a[ao + i], b[bo + i]);
  }

  public static void xor(int[] a, int ao, int b, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.xor(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = xor(a[ao + i], b);
  }

  public static void xor(int a, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.xor(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = xor(a, b[bo + i]);
  }

  public static int gt(int x, int y) { return x > y ? 1 : 0; }

  public static void gt(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.gt(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] > b[bo + i] ? 1 : 0;
  }

  public static void gt(int[] a, int ao, int b, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.gt(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] > b ? 1 : 0;
  }

  public static void gt(int a, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.gt(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a > b[bo + i] ? 1 : 0;
  }

  public static int lt(int x, int y) { return x < y ? 1 : 0; }

  public static void lt(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.lt(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] < b[bo + i] ? 1 : 0;
  }

  public static void lt(int[] a, int ao, int b, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.lt(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] < b ? 1 : 0;
  }

  public static void lt(int a, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.lt(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a < b[bo + i] ? 1 : 0;
  }

  public static int ge(int x, int y) { return x >= y ? 1 : 0; }

  public static void ge(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.ge(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] >= b[bo + i] ? 1 : 0;
  }

  public static void ge(int[] a, int ao, int b, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.ge(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] >= b ? 1 : 0;
  }

  public static void ge(int a, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.ge(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a >= b[bo + i] ? 1 : 0;
  }

  public static int le(int x, int y) { return x <= y ? 1 : 0; }

  public static void le(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.le(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] <= b[bo + i] ? 1 : 0;
  }

  public static void le(int[] a, int ao, int b, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.le(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] <= b ? 1 : 0;
  }

  public static void le(int a, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.le(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a <= b[bo + i] ? 1 : 0;
  }

  public static int eq(int x, int y) { return x == y ? 1 : 0; }

  public static void eq(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.eq(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] == b[bo + i] ? 1 : 0;
  }

  public static void eq(int[] a, int ao, int b, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.eq(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] == b ? 1 : 0;
  }

  public static void eq(int a, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.eq(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a == b[bo + i] ? 1 : 0;
  }

  public static int ne(int x, int y) { return x != y ? 1 : 0; }

  public static void ne(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.ne(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] != b[bo + i] ? 1 : 0;
  }

  public static void ne(int[] a, int ao, int b, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.ne(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] != b ? 1 : 0;
  }

  public static void ne(int a, int[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.ne(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a != b[bo + i] ? 1 : 0;
  }

  /** {@code d = p != 0 ? t : f} elementwise: {@code select_n(p, f, t)}. */
  public static void where(int[] p, int po, int[] t, int to, int[] f, int fo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.where(p, po, t, to, f, fo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t[to + i] : f[fo + i];
  }

  /** {@code d = p != 0 ? t : f} elementwise: {@code select_n(p, f, t)}. */
  public static void where(int[] p, int po, int[] t, int to, int f, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.where(p, po, t, to, f, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t[to + i] : f;
  }

  /** {@code d = p != 0 ? t : f} elementwise: {@code select_n(p, f, t)}. */
  public static void where(int[] p, int po, int t, int[] f, int fo, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.where(p, po, t, f, fo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t : f[fo + i];
  }

  /** {@code d = p != 0 ? t : f} elementwise: {@code select_n(p, f, t)}. */
  public static void where(int[] p, int po, int t, int f, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.where(p, po, t, f, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t : f;
  }

  /** {@code x ** y} for a static {@code y >= 0}: square-and-multiply, wrapping like the multiplies. */
  public static int integerPow(int x, int y) {
    int r = 1;
    int base = x;
    for (long e = y; e > 0; e >>= 1) {
      if ((e & 1) != 0) r *= base;
      base *= base;
    }
    return r;
  }

  public static void integerPow(int[] a, int ao, int y, int[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = integerPow(a[ao + i], y);
  }

  static long powInteger(long base, long exp) {
    long result = base == 0 && exp != 0 ? 0 : 1;
    for (int bit = 0; bit < 6; bit++) {
      if ((exp & 1) != 0) result *= base;
      base *= base;
      exp >>>= 1;
    }
    return result;
  }

  public static void toF32(int[] a, int ao, float[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.toF32(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i];
  }

  public static void toF64(int[] a, int ao, double[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i];
  }

  /** Non-zero is true, as a 0/1 int. */
  public static void toBool(int[] a, int ao, int[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] != 0 ? 1 : 0;
  }

  public static void toI64(int[] a, int ao, long[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i];
  }

  /** Reads a bool buffer as the 0/1 ints kernels compute bools with. */
  public static void fromBools(boolean[] a, int ao, int[] d, int dOff, int n) {
    if (VECTOR) {
      IntVectors.fromBools(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] ? 1 : 0;
  }

  /** Writes 0/1 ints into a bool buffer. */
  public static void toBools(int[] a, int ao, boolean[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] != 0;
  }

  /** {@code d[dOff + i] = start + i}: {@code iota} along a run. */
  public static void iota(int start, int[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = start + i;
  }

  public static void copy(int[] a, int ao, int[] d, int dOff, int n) {
    System.arraycopy(a, ao, d, dOff, n);
  }

  public static void fill(int v, int[] d, int dOff, int n) {
    java.util.Arrays.fill(d, dOff, dOff + n, v);
  }

  /** See {@link FloatStrips#gather}. */
  public static void gather(int[] a, int base, int[] dims, int[] strides, long start, int[] d, int dOff, int n) {
    int rank = dims.length;
    if (rank == 0) {
      fill(a[base], d, dOff, n);
      return;
    }
    int[] idx = new int[rank];
    long rest = start;
    int pos = base;
    for (int k = rank - 1; k >= 0; k--) {
      idx[k] = (int) (rest % dims[k]);
      rest /= dims[k];
      pos += idx[k] * strides[k];
    }
    int last = rank - 1, inner = dims[last], step = strides[last];
    for (int j = 0; j < n; ) {
      int run = Math.min(n - j, inner - idx[last]);
      for (int q = 0; q < run; q++) d[dOff + j + q] = a[pos + q * step];
      j += run;
      pos += run * step;
      idx[last] += run;
      for (int k = last; k > 0 && idx[k] == dims[k]; k--) {
        pos -= idx[k] * strides[k];
        idx[k] = 0;
        idx[k - 1]++;
        pos += strides[k - 1];
      }
    }
  }

  /** {@link #gather} of a bool buffer, into 0/1 ints. */
  public static void gatherBools(boolean[] a, int base, int[] dims, int[] strides, long start, int[] d, int dOff, int n) {
    int rank = dims.length;
    int[] idx = new int[rank];
    long rest = start;
    int pos = base;
    for (int k = rank - 1; k >= 0; k--) {
      idx[k] = (int) (rest % dims[k]);
      rest /= dims[k];
      pos += idx[k] * strides[k];
    }
    for (int j = 0; j < n; j++) {
      d[dOff + j] = a[pos] ? 1 : 0;
      for (int k = rank - 1; k >= 0; k--) {
        idx[k]++;
        pos += strides[k];
        if (idx[k] < dims[k]) break;
        pos -= idx[k] * strides[k];
        idx[k] = 0;
      }
    }
  }

  /**
   * {@code d[dOff + j] = base + coeffs . index(start + j)} over the row-major multi-indices of {@code dims}:
   * {@code iota} seen through a view, along a run.
   */
  public static void affine(long base, int[] dims, int[] coeffs, long start, int[] d, int dOff, int n) {
    int rank = dims.length;
    int[] idx = new int[rank];
    long rest = start;
    long value = base;
    for (int k = rank - 1; k >= 0; k--) {
      idx[k] = (int) (rest % dims[k]);
      rest /= dims[k];
      value += (long) idx[k] * coeffs[k];
    }
    for (int j = 0; j < n; j++) {
      d[dOff + j] = (int) value;
      for (int k = rank - 1; k >= 0; k--) {
        idx[k]++;
        value += coeffs[k];
        if (idx[k] < dims[k]) break;
        value -= (long) idx[k] * coeffs[k];
        idx[k] = 0;
      }
    }
  }

  // ---- reductions: integers wrap, so any order gives the same result; the lanes keep one API for all dtypes.

  public static int[] lanes(int identity) {
    int[] l = new int[Lanes.COUNT];
    java.util.Arrays.fill(l, identity);
    return l;
  }

  public static void sumInto(int[] lanes, int[] a, int ao, int n) {
    int j = 0;
    for (; j + Lanes.COUNT <= n; j += Lanes.COUNT) {
      for (int k = 0; k < Lanes.COUNT; k++) lanes[k] = lanes[k] + a[ao + j + k];
    }
    for (int k = 0; j + k < n; k++) lanes[k] = lanes[k] + a[ao + j + k];
  }

  public static int sumLanes(int[] lanes) {
    int r = lanes[0];
    for (int k = 1; k < Lanes.COUNT; k++) r = r + lanes[k];
    return r;
  }

  public static void sumCombine(int[] into, int[] from) {
    for (int k = 0; k < Lanes.COUNT; k++) into[k] = into[k] + from[k];
  }

  /**
   * Folds {@code a[ao .. ao + n)} into {@code lanes} by multiplication: element {@code j} into lane
   * {@code j % 16}, the order sums use. A scalar loop: XLA's reduce_prod is rare enough not to need SIMD.
   */
  public static void prodInto(int[] lanes, int[] a, int ao, int n) {
    int j = 0;
    for (; j + Lanes.COUNT <= n; j += Lanes.COUNT) {
      for (int k = 0; k < Lanes.COUNT; k++) lanes[k] = lanes[k] * a[ao + j + k];
    }
    for (int k = 0; j + k < n; k++) lanes[k] = lanes[k] * a[ao + j + k];
  }

  /** Combines the 16 lanes pairwise, as {@link #sumLanes} does, by multiplication. */
  public static int prodLanes(int[] lanes) {
    int[] l = lanes.clone();
    for (int half = Lanes.COUNT / 2; half > 0; half /= 2) {
      for (int k = 0; k < half; k++) l[k] = l[k] * l[k + half];
    }
    return l[0];
  }

  /** {@code into[k] = into[k] * from[k]}. */
  public static void prodCombine(int[] into, int[] from) {
    for (int k = 0; k < Lanes.COUNT; k++) into[k] = into[k] * from[k];
  }

  public static void maxInto(int[] lanes, int[] a, int ao, int n) {
    int j = 0;
    for (; j + Lanes.COUNT <= n; j += Lanes.COUNT) {
      for (int k = 0; k < Lanes.COUNT; k++) lanes[k] = Math.max(lanes[k], a[ao + j + k]);
    }
    for (int k = 0; j + k < n; k++) lanes[k] = Math.max(lanes[k], a[ao + j + k]);
  }

  public static int maxLanes(int[] lanes) {
    int r = lanes[0];
    for (int k = 1; k < Lanes.COUNT; k++) r = Math.max(r, lanes[k]);
    return r;
  }

  public static void maxCombine(int[] into, int[] from) {
    for (int k = 0; k < Lanes.COUNT; k++) into[k] = Math.max(into[k], from[k]);
  }

  public static void minInto(int[] lanes, int[] a, int ao, int n) {
    int j = 0;
    for (; j + Lanes.COUNT <= n; j += Lanes.COUNT) {
      for (int k = 0; k < Lanes.COUNT; k++) lanes[k] = Math.min(lanes[k], a[ao + j + k]);
    }
    for (int k = 0; j + k < n; k++) lanes[k] = Math.min(lanes[k], a[ao + j + k]);
  }

  public static int minLanes(int[] lanes) {
    int r = lanes[0];
    for (int k = 1; k < Lanes.COUNT; k++) r = Math.min(r, lanes[k]);
    return r;
  }

  public static void minCombine(int[] into, int[] from) {
    for (int k = 0; k < Lanes.COUNT; k++) into[k] = Math.min(into[k], from[k]);
  }

  // ---- dispatchers: the run-time kernels' way to the methods above, by op code.

  public static void unary(StripOp.Unary op, int[] a, int ao, int[] d, int dOff, int n) {
    switch (op) {
      case NEG -> neg(a, ao, d, dOff, n);
      case ABS -> abs(a, ao, d, dOff, n);
      case SIGN -> sign(a, ao, d, dOff, n);
      case NOT -> not(a, ao, d, dOff, n);
      case BOOL_NOT -> boolNot(a, ao, d, dOff, n);
      default -> throw unsupported(op);
    }
  }

  public static int unary(StripOp.Unary op, int x) {
    return switch (op) {
      case NEG -> neg(x);
      case ABS -> abs(x);
      case SIGN -> sign(x);
      case NOT -> not(x);
      case BOOL_NOT -> boolNot(x);
      default -> throw unsupported(op);
    };
  }

  public static void binary(StripOp.Binary op, int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    switch (op) {
      case ADD -> add(a, ao, b, bo, d, dOff, n);
      case SUB -> sub(a, ao, b, bo, d, dOff, n);
      case MUL -> mul(a, ao, b, bo, d, dOff, n);
      case DIV -> div(a, ao, b, bo, d, dOff, n);
      case REM -> rem(a, ao, b, bo, d, dOff, n);
      case POW -> pow(a, ao, b, bo, d, dOff, n);
      case MAX -> max(a, ao, b, bo, d, dOff, n);
      case MIN -> min(a, ao, b, bo, d, dOff, n);
      case AND -> and(a, ao, b, bo, d, dOff, n);
      case OR -> or(a, ao, b, bo, d, dOff, n);
      case XOR -> xor(a, ao, b, bo, d, dOff, n);
      default -> throw unsupported(op);
    }
  }

  public static void binary(StripOp.Binary op, int[] a, int ao, int b, int[] d, int dOff, int n) {
    switch (op) {
      case ADD -> add(a, ao, b, d, dOff, n);
      case SUB -> sub(a, ao, b, d, dOff, n);
      case MUL -> mul(a, ao, b, d, dOff, n);
      case DIV -> div(a, ao, b, d, dOff, n);
      case REM -> rem(a, ao, b, d, dOff, n);
      case POW -> pow(a, ao, b, d, dOff, n);
      case MAX -> max(a, ao, b, d, dOff, n);
      case MIN -> min(a, ao, b, d, dOff, n);
      case AND -> and(a, ao, b, d, dOff, n);
      case OR -> or(a, ao, b, d, dOff, n);
      case XOR -> xor(a, ao, b, d, dOff, n);
      default -> throw unsupported(op);
    }
  }

  public static void binary(StripOp.Binary op, int a, int[] b, int bo, int[] d, int dOff, int n) {
    switch (op) {
      case ADD -> add(a, b, bo, d, dOff, n);
      case SUB -> sub(a, b, bo, d, dOff, n);
      case MUL -> mul(a, b, bo, d, dOff, n);
      case DIV -> div(a, b, bo, d, dOff, n);
      case REM -> rem(a, b, bo, d, dOff, n);
      case POW -> pow(a, b, bo, d, dOff, n);
      case MAX -> max(a, b, bo, d, dOff, n);
      case MIN -> min(a, b, bo, d, dOff, n);
      case AND -> and(a, b, bo, d, dOff, n);
      case OR -> or(a, b, bo, d, dOff, n);
      case XOR -> xor(a, b, bo, d, dOff, n);
      default -> throw unsupported(op);
    }
  }

  public static int binary(StripOp.Binary op, int x, int y) {
    return switch (op) {
      case ADD -> add(x, y);
      case SUB -> sub(x, y);
      case MUL -> mul(x, y);
      case DIV -> div(x, y);
      case REM -> rem(x, y);
      case POW -> pow(x, y);
      case MAX -> max(x, y);
      case MIN -> min(x, y);
      case AND -> and(x, y);
      case OR -> or(x, y);
      case XOR -> xor(x, y);
      default -> throw unsupported(op);
    };
  }

  public static void compare(StripOp.Compare op, int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    switch (op) {
      case GT -> gt(a, ao, b, bo, d, dOff, n);
      case LT -> lt(a, ao, b, bo, d, dOff, n);
      case GE -> ge(a, ao, b, bo, d, dOff, n);
      case LE -> le(a, ao, b, bo, d, dOff, n);
      case EQ -> eq(a, ao, b, bo, d, dOff, n);
      case NE -> ne(a, ao, b, bo, d, dOff, n);
    }
  }

  public static void compare(StripOp.Compare op, int[] a, int ao, int b, int[] d, int dOff, int n) {
    switch (op) {
      case GT -> gt(a, ao, b, d, dOff, n);
      case LT -> lt(a, ao, b, d, dOff, n);
      case GE -> ge(a, ao, b, d, dOff, n);
      case LE -> le(a, ao, b, d, dOff, n);
      case EQ -> eq(a, ao, b, d, dOff, n);
      case NE -> ne(a, ao, b, d, dOff, n);
    }
  }

  public static void compare(StripOp.Compare op, int a, int[] b, int bo, int[] d, int dOff, int n) {
    switch (op) {
      case GT -> gt(a, b, bo, d, dOff, n);
      case LT -> lt(a, b, bo, d, dOff, n);
      case GE -> ge(a, b, bo, d, dOff, n);
      case LE -> le(a, b, bo, d, dOff, n);
      case EQ -> eq(a, b, bo, d, dOff, n);
      case NE -> ne(a, b, bo, d, dOff, n);
    }
  }

  public static int compare(StripOp.Compare op, int x, int y) {
    return switch (op) {
      case GT -> gt(x, y);
      case LT -> lt(x, y);
      case GE -> ge(x, y);
      case LE -> le(x, y);
      case EQ -> eq(x, y);
      case NE -> ne(x, y);
    };
  }

  public static void foldInto(StripOp.Monoid op, int[] lanes, int[] a, int ao, int n) {
    switch (op) {
      case SUM -> sumInto(lanes, a, ao, n);
      case MAX -> maxInto(lanes, a, ao, n);
      case MIN -> minInto(lanes, a, ao, n);
      case PROD -> prodInto(lanes, a, ao, n);
    }
  }

  public static int reduceLanes(StripOp.Monoid op, int[] lanes) {
    return switch (op) {
      case SUM -> sumLanes(lanes);
      case MAX -> maxLanes(lanes);
      case MIN -> minLanes(lanes);
      case PROD -> prodLanes(lanes);
    };
  }

  public static void combineLanes(StripOp.Monoid op, int[] into, int[] from) {
    switch (op) {
      case SUM -> sumCombine(into, from);
      case MAX -> maxCombine(into, from);
      case MIN -> minCombine(into, from);
      case PROD -> prodCombine(into, from);
    }
  }

  /** Whether {@code op} exists for this dtype. */
  public static boolean supports(Enum<?> op) {
    return SUPPORTED.contains(op);
  }

  private static final java.util.Set<Enum<?>> SUPPORTED = java.util.Set.of(StripOp.Unary.NEG, StripOp.Unary.ABS, StripOp.Unary.SIGN, StripOp.Unary.NOT, StripOp.Unary.BOOL_NOT, StripOp.Binary.ADD, StripOp.Binary.SUB, StripOp.Binary.MUL, StripOp.Binary.DIV, StripOp.Binary.REM, StripOp.Binary.POW, StripOp.Binary.MAX, StripOp.Binary.MIN, StripOp.Binary.AND, StripOp.Binary.OR, StripOp.Binary.XOR);

  private static IllegalArgumentException unsupported(Enum<?> op) {
    return new IllegalArgumentException("no int strip operation " + op);
  }
}
