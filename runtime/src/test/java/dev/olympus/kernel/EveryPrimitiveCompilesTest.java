package dev.olympus.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.ir.ClosedIr;
import dev.olympus.lax.Lax;
import dev.olympus.codegen.GeneratedKernels;
import dev.olympus.codegen.PlanSource;
import dev.olympus.fusion.NestLowering;
import dev.olympus.lowering.KernelPlan;
import dev.olympus.simd.VectorModule;
import dev.olympus.primitive.BinaryPrimitive;
import dev.olympus.primitive.Params;
import dev.olympus.primitive.Primitive;
import dev.olympus.primitive.UnaryPrimitive;
import dev.olympus.storage.Storage;
import dev.olympus.transform.Staging;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every elementwise primitive in every dtype its shape rule accepts goes through both outputs of the one
 * kernel compiler: the run-time kernel (the schedule interpreted over strip methods) and the Java source the
 * processor writes for the same plan, compiled by javac under {@code -Xlint:all -Werror}. Source javac rejects
 * fails here, the run-time kernel must compute what eager computes, and the source what the run-time kernel
 * does, bit for bit. Operands mix a full array with a scalar, over values that include the edges (NaN, ±inf, ±0,
 * integer extremes), on a length that leaves a vector tail.
 */
class EveryPrimitiveCompilesTest {
  private static final int N = 37;

  record Case(String name, Object fn, Array[] args) {
    @Override
    public String toString() { return name; }
  }

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (UnaryPrimitive p : constants(UnaryPrimitive.class)) {
      for (DType d : DType.values()) {
        if (!accepts(p, Params.NONE, d)) continue;
        Fn1<Array, Array> f = x -> p.bind1(Params.NONE, x);
        cases.add(new Case(p.name() + "_" + d, f, new Array[] {values(d, 0)}));
      }
    }
    for (BinaryPrimitive p : constants(BinaryPrimitive.class)) {
      for (DType d : DType.values()) {
        if (!accepts(p, Params.NONE, d, d)) continue;
        Fn2<Array, Array, Array> f = (x, y) -> p.bind1(Params.NONE, x, y);
        cases.add(new Case(p.name() + "_" + d, f, new Array[] {values(d, 0), values(d, 1)}));
        Fn1<Array, Array> withScalar = x -> p.bind1(Params.NONE, x, scalar(d));
        cases.add(new Case(p.name() + "_" + d + "_scalar", withScalar, new Array[] {values(d, 2)}));
      }
    }
    for (DType from : DType.values()) {
      for (DType to : DType.values()) {
        Fn1<Array, Array> f = x -> Lax.convertElementType(x, to, false);
        cases.add(new Case("convert_" + from + "_to_" + to, f, new Array[] {values(from, 0)}));
      }
    }
    for (DType d : DType.values()) {
      if (d == DType.BOOL) continue;
      for (int n : new int[] {-2, 0, 1, 3}) {
        if (n < 0 && !d.isFloating()) continue;
        Fn1<Array, Array> f = x -> Lax.integerPow(x, n);
        cases.add(new Case("integer_pow" + (n < 0 ? "_minus" + -n : n) + "_" + d, f, new Array[] {values(d, 0)}));
      }
      Fn3<Array, Array, Array, Array> select = (c, x, y) -> Lax.selectN(c, x, y);
      cases.add(new Case("select_n_" + d, select, new Array[] {values(DType.BOOL, 0), values(d, 0), values(d, 1)}));
    }
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void compilesAndMatchesEager(Case c) {
    ClosedIr ir = Staging.makeIr(c.fn(), (Object[]) c.args());
    Array expected = ir.call(List.of(c.args())).get(0);
    KernelPlan plan = NestLowering.lower(ir);
    boolean transcendental = ir.ir().equations().stream().anyMatch(e -> isTranscendental(e.primitive()));
    Array runtime = PlanExecutable.of(plan, c.name()).run(c.args())[0];
    check(c, "run-time kernel", expected, runtime, VectorModule.ENABLED && transcendental);
    // The Java source of the same plan (a javac-time kernel) makes the same strip calls: the same bits.
    String name = "every_" + c.name();
    Array generated = GeneratedKernels.run(name, PlanSource.unit(plan, name), c.args())[0];
    check(c, "generated source", runtime, generated, false);
  }

  /**
   * Exact on the scalar paths (the same double-then-round arithmetic as eager). The SIMD paths use SVML for
   * exp, log, sin, tanh, pow ...: documented within 1 ulp in float32; 2 ulps of the result plus the
   * float32 rounding of an f64 detour is the slack. Special values (NaN, infinities, signed zeros) must match.
   */
  private static void check(Case c, String path, Array expected, Array got, boolean approximate) {
    assertEquals(expected.aval(), got.aval(), c.name() + " " + path);
    double[] e = expected.toDoubleArray();
    double[] g = got.toDoubleArray();
    for (int i = 0; i < e.length; i++) {
      String where = c.name() + " " + path + " element " + i + " of " + java.util.Arrays.toString(e);
      if (Double.isNaN(e[i]) || Double.isNaN(g[i])) {
        assertTrue(Double.isNaN(e[i]) && Double.isNaN(g[i]), where + ": " + e[i] + " vs " + g[i]);
      } else if (!approximate || Double.isInfinite(e[i]) || e[i] == 0) {
        assertEquals(Double.doubleToLongBits(e[i]), Double.doubleToLongBits(g[i]), where + ": " + e[i] + " vs " + g[i]);
      } else {
        double ulp = expected.dtype() == DType.F32 ? Math.ulp((float) e[i]) : Math.ulp(e[i]);
        // Vector strips compute in the dtype itself, so an intermediate that overflows it (exp(100) in f32 for
        // logistic(-100)) can flush a subnormal result to zero, as XLA's f32 kernels do; eager goes through double.
        double subnormal = expected.dtype() == DType.F32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        assertEquals(e[i], g[i], Math.abs(e[i]) < subnormal ? subnormal : 2 * ulp, where);
      }
    }
  }

  private static boolean isTranscendental(Primitive p) {
    return p instanceof UnaryPrimitive u && u != UnaryPrimitive.NEG && u != UnaryPrimitive.ABS
        && u != UnaryPrimitive.SIGN && u != UnaryPrimitive.NOT && u != UnaryPrimitive.FLOOR && u != UnaryPrimitive.CEIL
        && u != UnaryPrimitive.SQRT || p == BinaryPrimitive.POW || p == BinaryPrimitive.ATAN2;
  }

  /** The public constants of a primitive class ({@code UnaryPrimitive.EXP}, ...), so a new op is covered too. */
  private static <T> List<T> constants(Class<T> type) {
    List<T> r = new ArrayList<>();
    for (Field f : type.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == type) {
        try {
          r.add(type.cast(f.get(null)));
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    return r;
  }

  private static boolean accepts(Primitive p, Params params, DType... dtypes) {
    List<AbstractValue> in = new ArrayList<>();
    for (DType d : dtypes) in.add(new AbstractValue(d, Shape.of(N), false));
    try {
      p.abstractEval(in, params);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Edge values first, then ordinary ones; {@code salt} shifts the order so two operands pair differently. */
  static Array values(DType d, int salt) {
    double[] floats = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, Float.MIN_VALUE,
        -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 1, -1, 0.5, -0.5, 2, -2, 3, 0.1, -0.1, 1e-3, 7.25, -7.25,
        100, -100, 1e6, 1e-6, 88.5, -88.5, 0.75, 1.5, -1.5, 10, 2.5, -2.5, 0.25, 4, -3, 5};
    long[] ints = {0, 1, -1, 2, -2, 3, -3, 7, -7, 100, -100, Integer.MAX_VALUE, Integer.MIN_VALUE, 5, -5, 64, 31,
        32, 33, 10, -10, 1000, -1000, 6, 4, -4, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19};
    Storage s = Storage.allocate(d, Shape.of(N));
    for (int i = 0; i < N; i++) {
      int k = (i + salt * 5) % N;
      if (d.isFloating()) s.setDouble(i, floats[k]);
      else if (d == DType.BOOL) s.setLong(i, (k * 7 + salt) % 3 == 0 ? 1 : 0);
      else if (d == DType.I64 && k == 11) s.setLong(i, Long.MAX_VALUE);
      else if (d == DType.I64 && k == 12) s.setLong(i, Long.MIN_VALUE);
      else s.setLong(i, ints[k]);
    }
    return Array.fromStorage(s, false);
  }

  private static Array scalar(DType d) {
    return Array.fromStorage(d == DType.BOOL ? Storage.scalarLong(d, 1) : Storage.scalar(d, d.isFloating() ? 1.5 : 3),
        false);
  }
}
