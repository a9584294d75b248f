package dev.olympus.dtypes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Olympus;
import dev.olympus.errors.OlympusException;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import dev.olympus.storage.Storage;
import dev.olympus.types.TypePromotion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * bf16, f16, i8, i16, u8, u16 and u32 against JAX ({@code tracer/src/test/python/make_dtype_values.py}): the
 * promotion lattice pair by pair, and conversions and arithmetic bit for bit, eagerly and under jit. Bit-exact is
 * the right bar: XLA's CPU back end computes each narrow op in f32 (or a wider integer) and rounds (wraps) once,
 * and so does Olympus, so there is nothing for a tolerance to absorb.
 */
class NarrowDTypeTest {
  private static final Map<String, long[]> JAX = new LinkedHashMap<>();
  private static final Map<String, String> JAX_DTYPE = new LinkedHashMap<>();

  static {
    for (String[] p : lines("/dev/olympus/dtypes/values.txt")) {
      String[] vs = p[2].split(" ");
      long[] v = new long[vs.length];
      for (int i = 0; i < vs.length; i++) v[i] = Long.parseLong(vs[i]);
      JAX.put(p[0], v);
      JAX_DTYPE.put(p[0], p[1]);
    }
  }

  private static final Array F = f32(1.0f, 1 + 0x1p-8f, 1 + 3 * 0x1p-8f, 1.00390625f + 0x1p-20f, -2.5f, 3.14159265f,
      65504f, 65520f, 70000f, 0x1p-24f, 0x1p-25f, 3 * 0x1p-26f, 1e-8f, -0.0f, Float.POSITIVE_INFINITY, Float.NaN, 3.0e38f,
      1.0e-40f);
  private static final Array INTS = Jnp.array(new int[] {0, 1, -1, 127, 128, -129, 255, 256, 40000, -70000,
      Integer.MAX_VALUE, Integer.MIN_VALUE});
  private static final Array FLOATS = f32(0f, 2.7f, -2.7f, 127.5f, 128f, -129f, 255.9f, 256f, 40000f, -1e10f, 1e10f,
      Float.NaN);
  private static final Array U = ints(DType.U32, 0, 1, 1L << 31, (1L << 32) - 1, 3000000000L);
  private static final Array B = f32(1.5f, -2.25f, 3.0f, 0.1f, 100f, -7f).astype(DType.BF16);
  private static final Array C = f32(0.3f, 4f, -1.5f, 0.7f, 3f, 2f).astype(DType.BF16);
  private static final Array H = f32(1.5f, -2.25f, 3.0f, 0.1f, 100f, -7f).astype(DType.F16);
  private static final Array I8 = ints(DType.I8, 100, -100, 127, -128, 5, -7);
  private static final Array J8 = ints(DType.I8, 100, 50, 1, -1, -3, 2);
  private static final Array U8 = ints(DType.U8, 200, 10, 255, 0, 7, 128);
  private static final Array V8 = ints(DType.U8, 100, 20, 1, 1, 0, 3);
  private static final Array U32 = ints(DType.U32, 4000000000L, 5, 1L << 31, 7, 123456789, 1);
  private static final Array W32 = ints(DType.U32, 3000000000L, 9, 2, 0, 987654321, 4294967295L);
  private static final Array I16 = ints(DType.I16, 30000, -30000, 200, -2, 1, 0);
  private static final Array S8 = ints(DType.I8, 1, 7, 8, 9, 0, 3);
  private static final Array COUNTS = ints(DType.U32, 0, 1, 31, 32, 33, 4);

  private record Case(String name, Array x, Array y, Fn2<Array, Array, Array> f) {}

  private static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    c.add(unary("f32 to bfloat16", F, x -> x.astype(DType.BF16)));
    c.add(unary("f32 to float16", F, x -> x.astype(DType.F16)));
    for (DType d : new DType[] {DType.I8, DType.U8, DType.I16, DType.U16, DType.U32}) {
      c.add(unary("i32 to " + d.numpyName(), INTS, x -> x.astype(d)));
      c.add(unary("f32 to " + d.numpyName(), FLOATS, x -> x.astype(d)));
    }
    c.add(unary("u32 to f32", U, x -> x.astype(DType.F32)));
    c.add(unary("u32 to i32", U, x -> x.astype(DType.I32)));
    c.add(binary("bf16 add", B, C, Jnp::add));
    c.add(binary("bf16 mul", B, C, Jnp::multiply));
    c.add(binary("bf16 div", B, C, Jnp::divide));
    c.add(unary("bf16 exp", B, Jnp::exp));
    c.add(unary("bf16 tanh", B, Jnp::tanh));
    c.add(unary("f16 mul", H, x -> Jnp.multiply(x, x)));
    c.add(unary("f16 sqrt", H, x -> Jnp.sqrt(Jnp.abs(x))));
    c.add(unary("bf16 sum", B, x -> Jnp.sum(x)));
    c.add(unary("bf16 mean", B, x -> Jnp.mean(x)));
    c.add(unary("bf16 var", B, x -> Jnp.var(x)));
    c.add(unary("f16 mean", H, x -> Jnp.mean(x)));
    c.add(unary("bf16 max", B, x -> Jnp.max(x)));
    c.add(binary("bf16 lt", B, C, Jnp::less));
    c.add(binary("i8 add", I8, J8, Jnp::add));
    c.add(binary("i8 mul", I8, J8, Jnp::multiply));
    c.add(binary("i8 div", I8, J8, Lax::div));
    c.add(binary("i8 rem", I8, J8, Lax::rem));
    c.add(unary("i8 neg", I8, Jnp::negative));
    c.add(binary("u8 sub", U8, V8, Jnp::subtract));
    c.add(binary("u8 div", U8, V8, Lax::div));
    c.add(binary("u8 lt", U8, V8, Jnp::less));
    c.add(binary("u32 add", U32, W32, Jnp::add));
    c.add(binary("u32 mul", U32, W32, Jnp::multiply));
    c.add(binary("u32 div", U32, W32, Lax::div));
    c.add(binary("u32 gt", U32, W32, Jnp::greater));
    c.add(binary("u32 max", U32, W32, Jnp::maximum));
    c.add(unary("i16 mul", I16, x -> Jnp.multiply(x, x)));
    c.add(unary("u8 sum", U8, x -> Jnp.sum(x).astype(DType.U8)));
    c.add(binary("i8 shift_left", I8, S8, Lax::shiftLeft));
    c.add(binary("i8 shift_right_logical", I8, S8, Lax::shiftRightLogical));
    c.add(binary("i8 shift_right_arithmetic", I8, S8, Lax::shiftRightArithmetic));
    c.add(binary("u8 shift_right_arithmetic", U8, S8, (x, s) -> Lax.shiftRightArithmetic(x, s.astype(DType.U8))));
    c.add(binary("u32 shift_right_logical", U32, COUNTS, Lax::shiftRightLogical));
    c.add(binary("u32 shift_left", U32, COUNTS, Lax::shiftLeft));
    c.add(binary("i8 plus u8", I8, U8, Jnp::add));
    c.add(binary("bf16 plus f16", B, H, Jnp::add));
    c.add(unary("u8 plus weak", U8, x -> x.add(100)));
    c.add(binary("u8 right_shift", U8, S8, (x, s) -> Jnp.rightShift(x, s.astype(DType.U8))));
    c.add(binary("i8 right_shift", I8, S8, Jnp::rightShift));
    c.add(binary("u8 left_shift", U8, S8, (x, s) -> Jnp.leftShift(x, s.astype(DType.U8))));
    c.add(binary("u32 bitwise_and", U32, W32, Jnp::bitwiseAnd));
    c.add(binary("u32 bitwise_xor", U32, W32, Jnp::bitwiseXor));
    c.add(unary("i8 invert", I8, Jnp::invert));
    c.add(unary("bf16 bits", B, x -> Lax.bitcastConvertType(x, DType.U16)));
    c.add(unary("u32 bits to f32", U32, x -> Lax.bitcastConvertType(x, DType.F32)));
    return c;
  }

  @Test
  void conversionsAndArithmeticAreJaxsBitForBitEagerAndJitted() {
    List<Case> cases = cases();
    assertEquals(JAX.keySet(), cases.stream().map(Case::name).collect(java.util.stream.Collectors.toCollection(
        java.util.LinkedHashSet::new)), "every JAX case has a Java twin");
    for (Case c : cases) {
      Array eager = c.f().apply(c.x(), c.y());
      assertEquals(JAX_DTYPE.get(c.name()), eager.dtype().numpyName(), c.name());
      assertArrayEquals(JAX.get(c.name()), bits(eager), c.name() + " eager");
      Array jitted = Olympus.jit(c.f()).apply(c.x(), c.y());
      assertArrayEquals(JAX.get(c.name()), bits(jitted), c.name() + " jit");
    }
  }

  @Test
  void promotionIsJaxsLatticePairByPair() {
    for (String[] p : lines("/dev/olympus/dtypes/promotion.txt")) {
      TypePromotion.Lattice got = TypePromotion.join(dtype(p[0]), weak(p[0]), dtype(p[1]), weak(p[1]));
      String want = p[2];
      boolean wantWeak = want.endsWith("~");
      String name = p[0] + " + " + p[1];
      assertEquals(wantWeak, got.weak(), name);
      if (wantWeak) {
        // JAX with x64 materializes a weak result as int64/float64; Olympus, like JAX without x64, as i32/f32.
        assertEquals(want.startsWith("int") ? DType.I32 : DType.F32, got.dtype(), name);
      } else {
        assertEquals(want, got.dtype().numpyName(), name);
      }
    }
  }

  @Test
  void narrowArraysAreStoredAtTheirWidthAndPrintAsJax() {
    assertTrue(Storage.allocate(DType.BF16, dev.olympus.types.Shape.of(4)).data() instanceof short[]);
    assertTrue(Storage.allocate(DType.U8, dev.olympus.types.Shape.of(4)).data() instanceof byte[]);
    assertEquals(2, Storage.bytesPerElement(DType.F16));
    assertEquals("Array([1.5, 2.25, 3.09375], dtype=bfloat16)", f32(1.5f, 2.25f, 3.1f).astype(DType.BF16).toString());
    assertEquals("Array([  1, 200], dtype=uint8)", ints(DType.U8, 1, 200).toString());
    assertEquals("Array([1, 999424, 1.50204e-05, nan, -inf, 123392, 0.100098], dtype=bfloat16)",
        f32(1f, 1e6f, 1.5e-5f, Float.NaN, Float.NEGATIVE_INFINITY, 123456f, 0.1f).astype(DType.BF16).toString());
    assertEquals("Array([[1, 2],\n       [3.5, -4]], dtype=bfloat16)",
        Jnp.reshape(f32(1, 2, 3.5f, -4), 2, 2).astype(DType.BF16).toString());
    assertEquals("Array([1.5, 0.1, 3. ], dtype=float16)", f32(1.5f, 0.1f, 3f).astype(DType.F16).toString());
  }

  @Test
  void narrowFloatsDifferentiateVmapAndShowInTheIr() {
    Fn1<Array, Array> f = x -> Jnp.sum(Jnp.multiply(x, x));
    Array x = f32(1.5f, -2f, 3f).astype(DType.BF16);
    Array g = Olympus.grad(f).apply(x);
    assertEquals(DType.BF16, g.dtype());
    assertArrayEquals(new float[] {3f, -4f, 6f}, g.toFloatArray(), 0f);
    Array rows = Jnp.reshape(f32(1, 2, 3, 4, 5, 6).astype(DType.U8), 2, 3);
    Array summed = Olympus.vmap((Array r) -> Jnp.sum(r)).apply(rows);
    assertEquals(DType.U32, summed.dtype());
    assertArrayEquals(new long[] {6, 15}, summed.toLongArray());
    String ir = Olympus.makeIr(f, x).toString();
    assertTrue(ir.contains("a:bf16[3]") && ir.contains("reduce_sum"), ir);
  }

  @Test
  void bitcastsNeedOneWidth() {
    OlympusException e = assertThrows(OlympusException.class, () -> Lax.bitcastConvertType(U8, DType.F32));
    assertTrue(e.getMessage().contains("uint8 (8 bits) to float32 (32 bits)"), e.getMessage());
    OlympusException s = assertThrows(OlympusException.class, () -> Lax.shiftLeft(B, B));
    assertTrue(s.getMessage().contains("shift_left") && s.getMessage().contains("integer"), s.getMessage());
  }

  private static Case unary(String name, Array x, Fn1<Array, Array> f) {
    return new Case(name, x, x, (a, b) -> f.apply(a));
  }

  private static Case binary(String name, Array x, Array y, Fn2<Array, Array, Array> f) {
    return new Case(name, x, y, f);
  }

  private static long[] bits(Array a) {
    DType d = a.dtype();
    if (d == DType.F32) return Lax.bitcastConvertType(a, DType.U32).toLongArray();
    if (d == DType.BF16 || d == DType.F16) return Lax.bitcastConvertType(a, DType.U16).toLongArray();
    return a.toLongArray();
  }

  private static DType dtype(String name) {
    if (name.equals("int")) return DType.I32;
    if (name.equals("float")) return DType.F32;
    for (DType d : DType.values()) if (d.numpyName().equals(name)) return d;
    throw new IllegalArgumentException(name);
  }

  private static boolean weak(String name) {
    return name.equals("int") || name.equals("float");
  }

  private static Array f32(float... v) {
    return Jnp.array(v);
  }

  private static Array ints(DType d, long... v) {
    return Jnp.array(v, v.length).astype(d);
  }

  private static List<String[]> lines(String resource) {
    List<String[]> out = new ArrayList<>();
    var in = NarrowDTypeTest.class.getResourceAsStream(resource);
    if (in == null) throw new IllegalStateException("missing test resource " + resource);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.startsWith("#") && !line.isBlank()) out.add(line.split("\t"));
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
