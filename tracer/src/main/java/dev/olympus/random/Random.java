package dev.olympus.random;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.errors.ArgumentCheck;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import dev.olympus.primitive.Iota2x32Shape;
import dev.olympus.primitive.Params;
import dev.olympus.primitive.Sort;
import dev.olympus.primitive.Threefry2x32;
import dev.olympus.storage.Storage;
import dev.olympus.types.Shape;
import java.util.List;

/**
 * {@code jax.random} with its default implementation, threefry2x32 in partitionable mode (JAX 0.10's
 * default): the same key gives the same bits, keys and floats as JAX, bit for bit. Keys are ordinary
 * {@code u32[2]} arrays ({@code jax.random.PRNGKey}'s raw keys), so they trace, jit, vmap and pass through
 * {@code @Jit} methods like any other array; nothing here holds state.
 *
 * <p>Every sample is a composition of two primitives, {@code iota_2x32_shape} (the element counters) and
 * {@code threefry2x32} (the hash), with ordinary ones: {@code bits} is the xor of the hash's two words at each
 * element's counter, and the float samplers build floats from bits exactly as {@code jax.random} does.
 */
public final class Random {
  private Random() {}

  /**
   * {@code jax.random.PRNGKey(seed)}: {@code [seed >>> 32, seed & 0xffffffff]}. A seed in {@code int} range gives
   * JAX's key for that seed, negative ones included ({@code key(-1) == [0, 4294967295]}, as JAX takes a Python
   * int as int32); a larger one keeps its high word, as JAX with {@code jax_enable_x64} does.
   */
  public static Array key(long seed) {
    boolean fitsInt = seed == (int) seed;
    int hi = fitsInt ? 0 : (int) (seed >>> 32);
    return Array.fromStorage(Storage.wrap(DType.U32, Shape.of(2), new int[] {hi, (int) seed}), false);
  }

  /** {@code jax.random.split(key)}: two new keys, as a {@code u32[2, 2]} array. */
  public static Array split(Array key) {
    return split(key, 2);
  }

  /** {@code jax.random.split(key, n)}: {@code n} new keys, as a {@code u32[n, 2]} array; row {@code i} is key i. */
  public static Array split(Array key, int n) {
    checkKey("Random.split", key);
    ArgumentCheck.nonNegative("Random.split", "n", n, "ask for 0 or more keys");
    Array[] words = hash(key, Shape.of(n));
    return Jnp.stack(List.of(words[0], words[1]), 1);
  }

  /** {@code jax.random.fold_in(key, data)}: a new key that depends on {@code key} and {@code data}. */
  public static Array foldIn(Array key, int data) {
    checkKey("Random.foldIn", key);
    Array[] k = words(key);
    List<Array> out = Threefry2x32.THREEFRY2X32.bind(Params.NONE, List.of(k[0], k[1], u32(0), u32(data)));
    return Jnp.stack(out, 0);
  }

  /** {@code jax.random.bits(key, shape)}: uniform random {@code u32} bits. */
  public static Array bits(Array key, int... shape) {
    checkKey("Random.bits", key);
    return bits32(key, Shape.of("Random.bits", "shape", ArgumentCheck.ints("Random.bits", "shape", shape)));
  }

  /** {@code jax.random.uniform(key, shape, dtype)}: floats in {@code [0, 1)}. */
  public static Array uniform(Array key, DType dtype, int... shape) {
    return uniform(key, dtype, shape, 0.0, 1.0);
  }

  /**
   * {@code jax.random.uniform(key, shape, dtype, minval, maxval)}: floats in {@code [minval, maxval)}, from the
   * top mantissa bits of random bits under the exponent of 1.0, minus 1, scaled and shifted (JAX's construction).
   */
  public static Array uniform(Array key, DType dtype, int[] shape, double minval, double maxval) {
    checkKey("Random.uniform", key);
    Shape s = Shape.of("Random.uniform", "shape", ArgumentCheck.ints("Random.uniform", "shape", shape));
    return uniform("Random.uniform", key, floatType("Random.uniform", dtype), minval, maxval, s);
  }

  /**
   * {@code jax.random.normal(key, shape, dtype)}: standard normal samples, {@code sqrt(2) * erf_inv(u)} for
   * {@code u} uniform in {@code (-1, 1)}, as JAX draws them.
   */
  public static Array normal(Array key, DType dtype, int... shape) {
    checkKey("Random.normal", key);
    DType d = floatType("Random.normal", dtype);
    Shape s = Shape.of("Random.normal", "shape", ArgumentCheck.ints("Random.normal", "shape", shape));
    // The float just above -1 (np.nextafter(-1, 0)): -1 itself would map to -inf.
    double lo = -1.0 + Math.scalb(1.0, -(mantissaBits(d) + 1));
    Array u = uniform("Random.normal", key, d, lo, 1.0, s);
    return Lax.mul(constant(d, Math.sqrt(2.0)), Lax.erfInv(u));
  }

  /** {@code jax.random.randint(key, shape, minval, maxval)}: int32 in {@code [minval, maxval)}. */
  public static Array randint(Array key, int[] shape, int minval, int maxval) {
    return randint(key, shape, minval, maxval, DType.I32);
  }

  /**
   * {@code jax.random.randint(key, shape, minval, maxval, dtype)}: integers in {@code [minval, maxval)} (just
   * {@code minval} when {@code maxval <= minval}), bounds clipped to the dtype; JAX's draw of twice 32 bits
   * reduced modulo the span, so the same key gives the same integers. 8- and 16-bit dtypes sample as int32 and
   * convert, as JAX does to keep the modulo bias small.
   */
  public static Array randint(Array key, int[] shape, int minval, int maxval, DType dtype) {
    checkKey("Random.randint", key);
    Shape s = Shape.of("Random.randint", "shape", ArgumentCheck.ints("Random.randint", "shape", shape));
    ArgumentCheck.dtype("Random.randint", "dtype", dtype);
    if (!dtype.isInteger() || dtype.bits() > 32) {
      throw ArgumentCheck.invalid("Random.randint", "dtype", "is " + dtype.numpyName() + ", but randint draws "
          + "8-, 16- and 32-bit integers", "pass int32 (the default), int16, int8, uint32, uint16 or uint8");
    }
    if (dtype.bits() < 32) {
      long lo = min(dtype), hi = max(dtype);
      int low = (int) Math.max(lo, Math.min(hi, minval)), high = (int) Math.max(lo, Math.min(hi + 1, maxval));
      return Lax.convertElementType(randint(key, s, low, high, DType.I32), dtype, false);
    }
    return randint(key, s, minval, maxval, dtype);
  }

  /** JAX's {@code _randint} for a 32-bit dtype. */
  private static Array randint(Array key, Shape s, int minval, int maxval, DType dtype) {
    int nbits = dtype.bits();
    long lo = min(dtype), hi = max(dtype);
    boolean maxOutOfRange = maxval > hi;
    long low = Math.max(lo, Math.min(hi, minval)), high = Math.max(lo, Math.min(hi, maxval));
    long mask = nbits == 32 ? 0xffffffffL : (1L << nbits) - 1;
    // The span and 2^nbits mod span are scalars known here; computed in the unsigned type, as JAX's lax ops do.
    long span = (high - low) & mask;
    if (high <= low) span = 1;
    if (maxOutOfRange && high > low) span = (span + 1) & mask;
    long multiplier = remainder(1L << (nbits / 2), span);
    multiplier = remainder((multiplier * multiplier) & mask, span);
    DType unsigned = unsignedOf(nbits);
    Array keys = split(key);
    Array higher = bitsOfWidth(row(keys, 0), nbits, s), lower = bitsOfWidth(row(keys, 1), nbits, s);
    Array spanArray = scalar(unsigned, span);
    Array offset = Lax.add(Lax.mul(Lax.rem(higher, spanArray), scalar(unsigned, multiplier)),
        Lax.rem(lower, spanArray));
    offset = Lax.rem(offset, spanArray);
    return Lax.add(scalar(dtype, low), Lax.convertElementType(offset, dtype, false));
  }

  /** {@code jax.random.bernoulli(key, p, shape)}: bool, true with probability {@code p} (uniform f32 below p). */
  public static Array bernoulli(Array key, double p, int... shape) {
    checkKey("Random.bernoulli", key);
    Shape s = Shape.of("Random.bernoulli", "shape", ArgumentCheck.ints("Random.bernoulli", "shape", shape));
    if (!(p >= 0 && p <= 1)) {
      throw ArgumentCheck.invalid("Random.bernoulli", "p", "is " + p + ", not a probability",
          "pass p in [0, 1]");
    }
    return Lax.lt(uniform("Random.bernoulli", key, DType.F32, 0, 1, s), constant(DType.F32, p));
  }

  /** {@code jax.random.categorical(key, logits)}: a category index per row of the last axis, int32. */
  public static Array categorical(Array key, Array logits) {
    return categorical(key, logits, -1);
  }

  /**
   * {@code jax.random.categorical(key, logits, axis)}: for each slice along {@code axis}, an index drawn with
   * probabilities {@code softmax(logits)}, by the Gumbel-max trick as JAX draws it: the argmax of
   * {@code logits - log(-log(u))}, {@code u} uniform in {@code [tiny, 1)}.
   */
  public static Array categorical(Array key, Array logits, int axis) {
    checkKey("Random.categorical", key);
    ArgumentCheck.array("Random.categorical", "logits", logits);
    DType d = logits.dtype().isFloating() ? logits.dtype() : DType.F32;
    Array l = logits.dtype() == d ? logits : Lax.convertElementType(logits, d, false);
    Shape s = Shape.of("Random.categorical", "logits", l.shape());
    double tiny = switch (d) {
      case F64 -> Double.MIN_NORMAL;
      case F16 -> 0x1p-14;
      default -> Float.MIN_NORMAL;
    };
    Array u = uniform("Random.categorical", key, d, tiny, 1.0, s);
    Array gumbel = Lax.neg(Lax.log(Lax.neg(Lax.log(u))));
    return Jnp.argmax(Lax.add(gumbel, l), axis);
  }

  /** {@code jax.random.permutation(key, n)}: a random ordering of {@code 0 .. n-1}, int32. */
  public static Array permutation(Array key, int n) {
    checkKey("Random.permutation", key);
    ArgumentCheck.nonNegative("Random.permutation", "n", n, "pass the number of elements to permute");
    return shuffle(key, Jnp.arange(n));
  }

  /** {@code jax.random.permutation(key, x)}: {@code x} with its rows (axis 0) in a random order. */
  public static Array permutation(Array key, Array x) {
    checkKey("Random.permutation", key);
    ArgumentCheck.array("Random.permutation", "x", x);
    if (x.ndim() == 0) {
      throw ArgumentCheck.invalid("Random.permutation", "x", "is 0-d", "pass an array of rank 1 or more, or an "
          + "int n to permute 0 .. n-1");
    }
    if (x.ndim() == 1) return shuffle(key, x);
    return Jnp.take(x, shuffle(key, Jnp.arange(x.shape()[0])), 0);
  }

  // ---- the construction, as jax._src.random and threefry2x32 write it ----------------------------------------

  /**
   * JAX's {@code _shuffle}: rounds of a stable sort keyed by fresh random bits, as many as make key collisions
   * unlikely ({@code ceil(3 ln n / ln(2^32 - 1))}), each with a new subkey.
   */
  private static int shuffleRounds(long size) {
    return (int) Math.ceil(3 * Math.log(Math.max(1, size)) / Math.log(4294967295.0));
  }

  /** The least size at or below {@code from} that still takes {@code rounds} (the count never falls as n grows). */
  private static int lowestWithRounds(int from, int rounds) {
    int lo = 1, hi = from;
    while (lo < hi) {
      int mid = lo + (hi - lo) / 2;
      if (shuffleRounds(mid) == rounds) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The greatest size at or above {@code from} that still takes {@code rounds}. */
  private static int highestWithRounds(int from, int rounds) {
    int lo = from, hi = Integer.MAX_VALUE;
    while (lo < hi) {
      int mid = (int) (lo + ((long) hi - lo + 1) / 2);
      if (shuffleRounds(mid) == rounds) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private static Array shuffle(Array key, Array x) {
    long size = x.size();
    int rounds = shuffleRounds(size);
    if (size >= 1 && size <= Integer.MAX_VALUE) {
      // A kernel traced at one size holds for the sizes with as many rounds, which no shape of the IR shows.
      int at = (int) size;
      dev.olympus.trace.SizeCondition.require(new dev.olympus.trace.SizeCondition.Range(at,
          lowestWithRounds(at, rounds), highestWithRounds(at, rounds)));
    }
    for (int r = 0; r < rounds; r++) {
      Array keys = split(key);
      key = row(keys, 0);
      Array sortKeys = bits32(row(keys, 1), Shape.of(x.shape()));
      x = Sort.SORT.bind(Sort.params(0), List.of(sortKeys, x)).get(1);
    }
    return x;
  }

  private static Array uniform(String op, Array key, DType d, double minval, double maxval, Shape shape) {
    int nbits = d.bits(), nmant = mantissaBits(d);
    int rngBits = nmant < 8 ? 8 : nbits;
    DType container = switch (nbits) {
      case 16 -> DType.U16;
      case 32 -> DType.U32;
      // No u64: i64 holds the 64 bits, and the logical shift and or below treat it as unsigned.
      default -> DType.I64;
    };
    Array bits = bitsOfWidth(key, rngBits, shape);
    if (bits.dtype() != container) bits = Lax.convertElementType(bits, container, false);
    Array floatBits = Lax.shiftRightLogical(bits, scalar(container, rngBits - nmant));
    floatBits = Lax.or(floatBits, scalar(container, oneBits(d)));
    Array floats = Lax.sub(Lax.bitcastConvertType(floatBits, d), constant(d, 1.0));
    Array lo = constant(d, minval), hi = constant(d, maxval);
    // maxval - minval, rounded to d as JAX's sub of the two converted bounds is; a constant, known here.
    double spanValue = Storage.scalar(d, Storage.scalar(d, maxval).getDouble(0) - Storage.scalar(d, minval).getDouble(0))
        .getDouble(0);
    Array span = constant(d, spanValue);
    Array scaled;
    if (d == DType.F32 && spanValue != 0 && Math.getExponent(spanValue) != Integer.MIN_VALUE
        && spanValue != Math.scalb(1.0, Math.getExponent(spanValue))) {
      // XLA's CPU back end contracts this multiply-add into a fused one (a single rounding). Through f64 the product
      // of a 23-bit sample and a 24-bit span is exact, so one rounding to f32 gives the same float. With a span
      // that is a power of two the f32 product is exact already, and the jaxpr stays JAX's.
      Array wide = Lax.add(Lax.mul(Lax.convertElementType(floats, DType.F64, false),
          Lax.convertElementType(span, DType.F64, false)), Lax.convertElementType(lo, DType.F64, false));
      scaled = Lax.convertElementType(wide, DType.F32, false);
    } else {
      scaled = Lax.add(Lax.mul(floats, span), lo);
    }
    return Lax.max(lo, scaled);
  }

  /** JAX's {@code random_bits(key, bit_width, shape)} for 8, 16, 32 and (in an i64) 64 bits. */
  private static Array bitsOfWidth(Array key, int width, Shape shape) {
    if (width == 64) {
      Array[] w = hash(key, shape);
      Array hi = Lax.convertElementType(w[0], DType.I64, false), lo = Lax.convertElementType(w[1], DType.I64, false);
      return Lax.or(Lax.shiftLeft(hi, scalar(DType.I64, 32)), lo);
    }
    Array b = bits32(key, shape);
    return width == 32 ? b : Lax.convertElementType(b, unsignedOf(width), false);
  }

  private static Array bits32(Array key, Shape shape) {
    Array[] w = hash(key, shape);
    return Lax.xor(w[0], w[1]);
  }

  /** The two words of threefry2x32 under {@code key} at the counters of {@code shape}'s elements. */
  private static Array[] hash(Array key, Shape shape) {
    Array[] k = words(key);
    List<Array> counts = Iota2x32Shape.IOTA_2X32_SHAPE.bind(Params.of("shape", shape), List.of());
    List<Array> out = Threefry2x32.THREEFRY2X32.bind(Params.NONE, List.of(k[0], k[1], counts.get(0), counts.get(1)));
    return new Array[] {out.get(0), out.get(1)};
  }

  private static Array[] words(Array key) {
    return new Array[] {row(key, 0), row(key, 1)};
  }

  private static Array row(Array x, int i) {
    return x.get(i);
  }

  private static void checkKey(String op, Array key) {
    ArgumentCheck.array(op, "key", key);
    if (key.dtype() != DType.U32 || key.ndim() != 1 || key.shape()[0] != 2) {
      throw ArgumentCheck.invalid(op, "key", "is " + key.aval() + ", not a key (uint32[2])",
          "make one with Random.key(seed) and new ones with Random.split(key, n); under vmap, map over a u32[n, 2] "
              + "array of keys");
    }
  }

  private static DType floatType(String op, DType d) {
    ArgumentCheck.dtype(op, "dtype", d);
    if (!d.isFloating()) {
      throw ArgumentCheck.invalid(op, "dtype", "is " + d.numpyName() + ", but this samples floats",
          "pass float32, float64, bfloat16 or float16 (Random.randint draws integers)");
    }
    return d;
  }

  private static int mantissaBits(DType d) {
    return switch (d) {
      case F64 -> 52;
      case F16 -> 10;
      case BF16 -> 7;
      default -> 23;
    };
  }

  /** The bits of 1.0 in {@code d}, the exponent the mantissa bits are placed under. */
  private static long oneBits(DType d) {
    return switch (d) {
      case F64 -> Double.doubleToRawLongBits(1.0);
      case F16 -> 0x3c00;
      case BF16 -> 0x3f80;
      default -> Float.floatToRawIntBits(1.0f);
    };
  }

  private static DType unsignedOf(int bits) {
    return switch (bits) {
      case 8 -> DType.U8;
      case 16 -> DType.U16;
      default -> DType.U32;
    };
  }

  private static long min(DType d) {
    return d.isUnsigned() ? 0 : -(1L << (d.bits() - 1));
  }

  private static long max(DType d) {
    return d.isUnsigned() ? (1L << d.bits()) - 1 : (1L << (d.bits() - 1)) - 1;
  }

  /** XLA's unsigned remainder: {@code x % 0 == x}. */
  private static long remainder(long x, long span) {
    return span == 0 ? x : Long.remainderUnsigned(x, span);
  }

  private static Array u32(int bits) {
    return scalar(DType.U32, bits & 0xffffffffL);
  }

  private static Array scalar(DType d, long value) {
    return Array.fromStorage(Storage.scalarLong(d, value), false);
  }

  private static Array constant(DType d, double value) {
    return Array.fromStorage(Storage.scalar(d, value), false);
  }
}
