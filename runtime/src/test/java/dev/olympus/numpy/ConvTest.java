package dev.olympus.numpy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn2;
import dev.olympus.Olympus;
import dev.olympus.errors.OlympusException;
import dev.olympus.lax.Lax;
import dev.olympus.primitive.ConvDimensionNumbers;
import dev.olympus.primitive.WindowPadding;
import org.junit.jupiter.api.Test;

/**
 * {@code Lax.conv} and {@code Lax.convGeneralDilated} against the values JAX 0.10.2 computes
 * ({@code tracer/src/test/python/make_conv_values.py} writes {@code conv/values.txt}): layouts, "SAME"/"VALID"
 * and explicit padding, input and kernel dilation, strides, feature and batch groups, 1-d and 2-d; gradients in
 * both operands (each a convolution itself) and vmap over either operand or both, eagerly and under jit. Inputs
 * are multiples of 1/4, so every product and sum is exact in float32: results must agree to 1e-5.
 */
class ConvTest {
  static final JaxValues WANT = JaxValues.load("/dev/olympus/conv/values.txt");

  static Array grid(int seed, int... shape) { return JaxValues.grid(seed, shape); }

  static void check(String name, Array got) { WANT.check(name, got, 1e-5f); }

  static final Array X = grid(0, 2, 3, 5, 6), W = grid(1, 4, 3, 3, 2);
  static final Array XH = grid(2, 2, 5, 4, 3), WH = grid(3, 3, 2, 3, 4);
  static final Array XG = grid(4, 2, 4, 5, 5), WG = grid(5, 6, 2, 3, 3);
  static final Array XB = grid(6, 4, 3, 4, 4), WB = grid(7, 6, 3, 2, 2);
  static final Fn2<Array, Array, Array> SAME = (a, b) -> Lax.conv(a, b, new int[] {1, 1}, "SAME");
  static final Fn2<Array, Array, Array> VALID_STRIDE = (a, b) -> Lax.conv(a, b, new int[] {2, 1}, "VALID");
  static final Fn2<Array, Array, Array> GENERAL = (a, b) -> Lax.convGeneralDilated(a, b, new int[] {2, 1},
      new WindowPadding(new int[] {1, 2}, new int[] {0, 1}), new int[] {1, 2}, new int[] {2, 1},
      ConvDimensionNumbers.of("NHWC", "HWIO", "NHWC"), 1, 1);
  static final Fn2<Array, Array, Array> FEATURE_GROUPS = (a, b) -> Lax.convGeneralDilated(a, b, new int[] {1, 1},
      "SAME", new int[] {1, 1}, new int[] {1, 1}, ConvDimensionNumbers.identity(4), 2, 1);
  static final Fn2<Array, Array, Array> BATCH_GROUPS = (a, b) -> Lax.convGeneralDilated(a, b, new int[] {1, 1},
      "VALID", new int[] {1, 1}, new int[] {1, 1}, ConvDimensionNumbers.identity(4), 1, 2);

  static void both(String name, Fn2<Array, Array, Array> f, Array a, Array b) {
    check(name, f.apply(a, b));
    check(name, Olympus.jit(f).apply(a, b));
  }

  @Test
  void layoutsPaddingsDilationsAndGroups() {
    both("conv same", SAME, X, W);
    both("conv valid stride", VALID_STRIDE, X, W);
    both("general", GENERAL, XH, WH);
    both("feature groups", FEATURE_GROUPS, XG, WG);
    both("batch groups", BATCH_GROUPS, XB, WB);
    check("conv1d", Lax.conv(grid(8, 2, 2, 7), grid(9, 3, 2, 3), new int[] {2}, "SAME"));
  }

  /** The gradient in each operand is a convolution with strides and dilations exchanged (JAX's rules). */
  @Test
  void gradientsInBothOperands() {
    grads("conv same", SAME, X, W);
    grads("conv valid stride", VALID_STRIDE, X, W);
    grads("general", GENERAL, XH, WH);
    grads("feature groups", FEATURE_GROUPS, XG, WG);
    grads("batch groups", BATCH_GROUPS, XB, WB);
  }

  private static void grads(String name, Fn2<Array, Array, Array> f, Array a, Array b) {
    Array cot = grid(11, f.apply(a, b).shape());
    Fn2<Array, Array, Array> loss = (p, q) -> Jnp.sum(f.apply(p, q).mul(cot));
    check(name + " grad lhs", Olympus.<Array, Array, Array>grad(loss, 0).apply(a, b));
    check(name + " grad rhs", Olympus.<Array, Array, Array>grad(loss, 1).apply(a, b));
    check(name + " grad rhs", Olympus.jit(Olympus.<Array, Array, Array>grad(loss, 1)).apply(a, b));
  }

  @Test
  void vmapOverEitherOperandOrBoth() {
    Fn2<Array, Array, Array> c = (a, b) -> Lax.conv(a, b, new int[] {1, 2}, "SAME");
    Array xs = grid(12, 3, 2, 3, 5, 6), ws = grid(13, 3, 4, 3, 3, 2);
    check("vmap lhs", Olympus.vmap(c, 0, -1).apply(xs, W));
    check("vmap rhs", Olympus.vmap(c, -1, 0).apply(X, ws));
    check("vmap both", Olympus.vmap(c).apply(xs, ws));
    check("vmap both", Olympus.jit(Olympus.vmap(c)).apply(xs, ws));
    Array wgs = grid(14, 3, 6, 2, 3, 3);
    check("vmap rhs groups", Olympus.vmap(FEATURE_GROUPS, -1, 0).apply(XG, wgs));
    check("vmap both groups", Olympus.vmap(FEATURE_GROUPS).apply(grid(15, 3, 2, 4, 5, 5), wgs));
    check("vmap lhs batch groups", Olympus.vmap(BATCH_GROUPS, 0, -1).apply(grid(16, 3, 4, 3, 4, 4), WB));
  }

  @Test
  void printsTheJaxprJaxPrints() {
    String ir = Olympus.makeIr(SAME, X, W).toString();
    assertTrue(ir.contains("c:f32[2,4,5,6] = conv_general_dilated[\n"
        + "      batch_group_count=1\n"
        + "      dimension_numbers=ConvDimensionNumbers(lhs_spec=(0, 1, 2, 3), rhs_spec=(0, 1, 2, 3), out_spec=(0, 1, 2, 3))\n"
        + "      feature_group_count=1\n"
        + "      lhs_dilation=(1, 1)\n"
        + "      out_sharding=None\n"
        + "      padding=((1, 1), (0, 1))\n"
        + "      precision=None\n"
        + "      preferred_element_type=None\n"
        + "      rhs_dilation=(1, 1)\n"
        + "      window_strides=(1, 1)\n"
        + "    ] a b"), ir);
  }

  @Test
  void mismatchedFeaturesAndBadPaddingSayWhatIsWrong() {
    OlympusException e = assertThrows(OlympusException.class, () -> Lax.conv(X, grid(0, 4, 2, 3, 3), new int[] {1, 1},
        "SAME"));
    assertTrue(e.getMessage().contains("features"), e.getMessage());
    e = assertThrows(OlympusException.class, () -> Lax.conv(X, W, new int[] {1, 1}, "FULL"));
    assertTrue(e.getMessage().contains("VALID"), e.getMessage());
    e = assertThrows(OlympusException.class, () -> Lax.conv(X, W, new int[] {1}, "SAME"));
    assertTrue(e.getMessage().contains("stride"), e.getMessage());
    assertTrue(Lax.conv(X.astype(DType.F64), W.astype(DType.F64), new int[] {1, 1}, "VALID").dtype() == DType.F64);
    // Integers take the direct loop: the same sums of the same (scaled, exact) products.
    Array ints = Lax.conv(X.mul(4).astype(DType.I32), W.mul(4).astype(DType.I32), new int[] {2, 1}, "VALID");
    assertTrue(java.util.Arrays.equals(ints.toIntArray(),
        VALID_STRIDE.apply(X, W).mul(16).astype(DType.I32).toIntArray()));
  }
}
