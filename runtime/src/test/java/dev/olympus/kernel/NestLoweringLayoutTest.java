package dev.olympus.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.fusion.NestLowering;
import dev.olympus.ir.ClosedIr;
import dev.olympus.lax.Lax;
import dev.olympus.lowering.KernelPlan;
import dev.olympus.lowering.Step;
import dev.olympus.numpy.Jnp;
import dev.olympus.primitive.Reduce;
import dev.olympus.storage.Storage;
import dev.olympus.transform.Staging;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The loop-nest lowering against eager evaluation, in every layout a nest reads (in place, transposed, sliced
 * with steps, broadcast along rows or columns, a 0-d value) and every dtype, including zero-size operands and
 * reductions over leading, middle, trailing and all axes. Only exact operations are used (arithmetic,
 * comparisons, selects, conversions, reductions), so eager and compiled must agree bit for bit: elementwise ops
 * are the same IEEE operations, and eager reductions run the same kernels in the same order.
 */
class NestLoweringLayoutTest {
  private static final DType[] NUMERIC = {DType.F32, DType.F64, DType.I32, DType.I64};

  static Array random(Random r, DType dtype, int... shape) {
    int n = 1;
    for (int d : shape) n *= d;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = dtype.isFloating() ? r.nextGaussian() * 3 : r.nextInt(19) - 9;
    return Jnp.array(dtype, v, shape);
  }

  /** Runs {@code fn} compiled by {@link NestLowering} and eagerly, and requires identical results. */
  static void agree(Object fn, Array... args) {
    ClosedIr ir = Staging.makeIr(fn, (Object[]) args);
    KernelPlan plan = NestLowering.lower(ir);
    Array[] compiled = new PlanExecutable(plan, "layout", true).run(args);
    List<Array> eager = ir.call(List.of(args));
    assertEquals(eager.size(), compiled.length);
    for (int i = 0; i < compiled.length; i++) {
      Storage want = eager.get(i).storage(), got = compiled[i].storage();
      assertEquals(want.dtype(), got.dtype());
      assertEquals(want.shape(), got.shape(), "shape of result " + i);
      for (int k = 0; k < want.length(); k++) {
        boolean same = want.dtype() == DType.BOOL ? want.getBool(k) == got.getBool(k)
            : want.dtype().isFloating() ? Double.doubleToLongBits(want.getDouble(k)) == Double.doubleToLongBits(got.getDouble(k))
            : want.getLong(k) == got.getLong(k);
        assertTrue(same, "result " + i + " element " + k + ": eager " + want.getDouble(k) + ", nest "
            + got.getDouble(k) + "\n" + ir);
      }
    }
  }

  /** What each case checks: here, the run-time kernel against eager. */
  void check(Object fn, Array... args) {
    agree(fn, args);
  }

  /**
   * bf16 and f16 in a nest compute in f32 and round each op's result to the type, as eager's primitives do op
   * by op, so the fused chain agrees with eager bit for bit: loads in place, transposed and broadcast, a value
   * per row, constants, selects, conversions to and from f32, i32 and each other, and f16's overflow (x * 300
   * passes 65504) and subnormals (x * 1e-6). Every equation is in one nest.
   */
  @TestFactory
  Stream<DynamicTest> halfPrecisionChainsRoundEachOp() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType d : new DType[] {DType.BF16, DType.F16}) {
      tests.add(DynamicTest.dynamicTest(d.numpyName(), () -> {
        Random r = new Random(d.ordinal());
        Array x = random(r, DType.F32, 6, 70).astype(d), row = random(r, DType.F32, 70).astype(d);
        Array col = random(r, DType.F32, 6, 1).astype(d), t = random(r, DType.F32, 70, 6).astype(d);
        Fn3<Array, Array, Array, Array> chain = (a, b, c) -> {
          Array y = a.mul(b).add(c.mul(0.1)).sub(a.mul(300)).div(b.add(3.3));
          Array z = Jnp.where(y.gt(0), y.mul(1e-6), y.astype(DType.F32).mul(0.7).astype(d));
          return z.add(a.astype(DType.I32).astype(d)).mul(a.astype(d == DType.BF16 ? DType.F16 : DType.BF16).astype(d));
        };
        check(chain, x, row, col);
        Fn2<Array, Array, Array> transposed = (a, b) -> a.transpose(1, 0).mul(b).add(Jnp.square(a.transpose(1, 0)));
        check(transposed, t, x);
        // A bf16 product narrows when whole, so the nest after it is no epilogue of its rows.
        Fn2<Array, Array, Array> product = (a, b) -> Jnp.tanh(Jnp.matmul(a, b)).mul(Lax.slice(a, new int[] {0, 0}, new int[] {6, 6}, new int[] {1, 1}));
        check(product, x, t);
        // One value for the whole call: a 0-d operand, computed and rounded once.
        Fn2<Array, Array, Array> scalar = (a, b) -> a.mul(b.mul(1.7).add(0.001));
        check(scalar, x, Jnp.array(DType.F32, new double[] {0.3}).reshape().astype(d));
        KernelPlan plan = NestLowering.lower(Staging.makeIr(chain, x, row, col));
        for (Step s : plan.steps()) assertTrue(s instanceof Step.Nest, "every step a nest: " + plan.steps());
        // Reductions fold the widened values in f32 and round once: a softmax and a layer norm a row at a time,
        // a full sum, a product, and sums over the leading axis (a view read through permuted strides).
        Fn1<Array, Array> softmax = a -> {
          Array e = Jnp.exp(a.sub(Jnp.expandDims(Jnp.max(a, -1), -1)));
          return e.div(Jnp.expandDims(Jnp.sum(e, -1), -1));
        };
        check(softmax, x);
        Fn2<Array, Array, Array> layerNorm = (a, g) -> {
          Array centered = a.sub(Jnp.expandDims(Jnp.mean(a, -1), -1));
          Array variance = Jnp.expandDims(Jnp.mean(centered.mul(centered), -1), -1);
          return centered.div(Jnp.sqrt(variance.add(1e-5))).mul(g);
        };
        check(layerNorm, x, row);
        Fn1<Array, Array> totals = a -> Jnp.stack(List.of(Jnp.sum(a.mul(a)), Lax.reduceProd(a.mul(0.01).add(1), 0, 1),
            Lax.reduceMin(a, 0, 1)), 0);
        check(totals, x);
        Fn1<Array, Array> columns = a -> Lax.reduceSum(Jnp.tanh(a), 0).add(Lax.reduceMax(a, 0));
        check(columns, t);
        // One long row, its blocks folded on every core and combined in block order before the rounding.
        check((Fn1<Array, Array>) a -> Jnp.sum(a.mul(a)), random(r, DType.F32, 1 << 18).astype(d));
        for (Step s : NestLowering.lower(Staging.makeIr(softmax, x)).steps()) {
          assertTrue(s instanceof Step.Nest, "every step a nest: " + s);
        }
        for (Step s : NestLowering.lower(Staging.makeIr(totals, x)).steps()) {
          assertFalse(s instanceof Step.Primitive p && p.equation().primitive() instanceof Reduce, "a reduction in a nest: " + s);
        }
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> elementwiseLayouts() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType d : NUMERIC) {
      Random r = new Random(d.ordinal());
      Array a = random(r, d, 6, 5), b = random(r, d, 5, 6), row = random(r, d, 5), col = random(r, d, 6, 1);
      Array big = random(r, d, 13, 11), scalar = random(r, d);
      tests.add(DynamicTest.dynamicTest(d + " transposed", () -> check((Fn2<Array, Array, Array>) (x, y) ->
          x.mul(y.transpose(1, 0)).sub(x), a, b)));
      tests.add(DynamicTest.dynamicTest(d + " row broadcast", () -> check((Fn2<Array, Array, Array>) (x, y) ->
          x.add(y).mul(y), a, row)));
      tests.add(DynamicTest.dynamicTest(d + " column broadcast", () -> check((Fn2<Array, Array, Array>) (x, y) ->
          Jnp.maximum(x.sub(y), y), a, col)));
      tests.add(DynamicTest.dynamicTest(d + " strided slice", () -> check((Fn2<Array, Array, Array>) (x, y) ->
          Lax.slice(y, new int[] {1, 0}, new int[] {13, 10}, new int[] {2, 2}).add(x), a, big)));
      tests.add(DynamicTest.dynamicTest(d + " 0-d operand", () -> check((Fn2<Array, Array, Array>) (x, s) ->
          x.mul(s).add(s), a, scalar)));
      tests.add(DynamicTest.dynamicTest(d + " compare and select", () -> check((Fn2<Array, Array, Array>) (x, y) ->
          Jnp.where(x.gt(y.transpose(1, 0)), x, y.transpose(1, 0).neg()), a, b)));
      tests.add(DynamicTest.dynamicTest(d + " convert", () -> check((Fn1<Array, Array>) x ->
          Lax.convertElementType(x, d == DType.F32 ? DType.I32 : DType.F32, false).mul(
              Lax.convertElementType(x, d == DType.F32 ? DType.I32 : DType.F32, false)), a)));
      tests.add(DynamicTest.dynamicTest(d + " transposed output", () -> check((Fn1<Array, Array>) x ->
          x.add(x).transpose(1, 0), a)));
      tests.add(DynamicTest.dynamicTest(d + " zero-size", () -> check((Fn2<Array, Array, Array>) (x, y) ->
          x.mul(y).add(y), random(r, d, 0, 4), random(r, d, 4))));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> reductionsOverEveryAxisSet() {
    List<DynamicTest> tests = new ArrayList<>();
    int[][] axesSets = {{0}, {1}, {2}, {0, 1}, {0, 2}, {1, 2}, {0, 1, 2}};
    int[][] shapes = {{3, 4, 37}, {2, 0, 5}, {0, 3, 2}, {1, 1, 20000}};
    for (DType d : NUMERIC) {
      for (int[] shape : shapes) {
        Random r = new Random(shape.length * 31 + d.ordinal());
        Array x = random(r, d, shape);
        for (int[] axes : axesSets) {
          String name = d + " " + java.util.Arrays.toString(shape) + " over " + java.util.Arrays.toString(axes);
          tests.add(DynamicTest.dynamicTest(name, () -> check((Fn1<Array, Array>) v -> {
            Array sq = v.mul(v);
            // Products of signs stay exact (and in range) in every dtype.
            return Jnp.stack(List.of(Lax.reduceSum(sq, axes), Lax.reduceMax(v, axes).add(Lax.reduceMin(v, axes)),
                Lax.reduceProd(Lax.sign(v), axes)), 0);
          }, x)));
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> rowChains() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType d : NUMERIC) {
      Random r = new Random(7 + d.ordinal());
      Array x = random(r, d, 9, 1500), g = random(r, d, 1500);
      tests.add(DynamicTest.dynamicTest(d + " centered and scaled rows", () -> check((Fn2<Array, Array, Array>) (v, w) -> {
        Array centered = v.sub(Jnp.expandDims(Jnp.max(v, -1), -1));
        Array total = Jnp.expandDims(Jnp.sum(centered.mul(centered), -1), -1);
        return centered.mul(total).add(w);
      }, x, g)));
      tests.add(DynamicTest.dynamicTest(d + " row values as outputs", () -> check((Fn1<Array, Array>) v ->
          Jnp.sum(v.sub(Jnp.expandDims(Jnp.min(v, -1), -1)), -1).add(Jnp.max(v, -1)), x)));
    }
    return tests.stream();
  }

  /** A matrix product's epilogue (bias, activation, a row-wise softmax) runs per block of finished rows. */
  @TestFactory
  Stream<DynamicTest> productEpilogues() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType d : new DType[] {DType.F32, DType.F64}) {
      for (int[] mkn : new int[][] {{128, 784, 256}, {3, 5, 1}, {1, 7, 9}, {300, 33, 10}}) {
        Random r = new Random(mkn[0] + d.ordinal());
        Array x = random(r, d, mkn[0], mkn[1]), w = random(r, d, mkn[1], mkn[2]), b = random(r, d, mkn[2]);
        String shape = d + " " + java.util.Arrays.toString(mkn);
        Fn3<Array, Array, Array, Array> dense = (v, u, c) -> Jnp.maximum(Jnp.matmul(v, u).add(c), Jnp.zerosLike(c));
        tests.add(DynamicTest.dynamicTest(shape + " bias and relu", () -> check(dense, x, w, b)));
        tests.add(DynamicTest.dynamicTest(shape + " row-wise max", () -> check((Fn2<Array, Array, Array>) (v, u) -> {
          Array logits = Jnp.matmul(v, u);
          return logits.sub(Jnp.expandDims(Jnp.max(logits, -1), -1));
        }, x, w)));
        // Reverse mode's weight gradient (g^T x)^T: lowered as the product with its operands swapped.
        tests.add(DynamicTest.dynamicTest(shape + " transposed product", () -> check((Fn2<Array, Array, Array>) (v, u) ->
            Lax.transpose(Lax.dotGeneral(v, u, new int[] {0}, new int[] {0}, new int[0], new int[0]), 1, 0).mul(2),
            x, random(r, d, mkn[0], mkn[2]))));
      }
    }
    return tests.stream();
  }

  /** Integers spread over all of {@code d}'s range, a third of them small (and some zero, for div and rem). */
  static Array narrowInts(Random r, DType d, int... shape) {
    int n = 1;
    for (int k : shape) n *= k;
    long lo = switch (d) {
      case I8 -> Byte.MIN_VALUE;
      case I16 -> Short.MIN_VALUE;
      default -> 0;
    };
    long span = 1L << d.bits();
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = i % 3 == 0 ? r.nextInt(7) - (lo < 0 ? 3 : 0) : lo + (long) (r.nextDouble() * span);
    }
    return Jnp.array(d, v, shape);
  }

  /**
   * i8, u8, i16, u16 (computed in i32) and u32 (in i64) in a nest wrap each op's result to their type, and a
   * float converted to one saturates, as eager's primitives do op by op, so fused chains agree with eager bit
   * for bit: overflowing products and sums, negation and abs of the minimum, division and remainder by zero,
   * conversions from f32 (out of range), i32 and another narrow type, selects, loads in place, transposed and
   * broadcast, a 0-d operand, and reductions along rows, columns and all of a long row. Every equation is in
   * one nest.
   */
  @TestFactory
  Stream<DynamicTest> narrowIntegerChainsWrapEachOp() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType d : new DType[] {DType.I8, DType.U8, DType.I16, DType.U16, DType.U32}) {
      tests.add(DynamicTest.dynamicTest(d.numpyName(), () -> {
        Random r = new Random(d.ordinal());
        Array x = narrowInts(r, d, 6, 70), row = narrowInts(r, d, 70), col = narrowInts(r, d, 6, 1);
        Array t = narrowInts(r, d, 70, 6);
        DType other = d == DType.I8 ? DType.U8 : DType.I8;
        Fn3<Array, Array, Array, Array> chain = (a, b, c) -> {
          Array y = a.mul(b).add(c).sub(a.mul(3)).add(Jnp.square(b));
          Array q = Lax.div(y, Jnp.broadcastTo(b, y.shape())).add(Lax.rem(a, Jnp.broadcastTo(c, a.shape())))
              .add(Jnp.abs(y.neg()));
          Array z = Jnp.where(q.gt(a), q, Jnp.maximum(b, c).sub(Jnp.minimum(a, q)));
          Array converted = a.astype(DType.F32).mul(3.7f).sub(1e3f).astype(d)
              .add(a.astype(DType.I32).mul(1001).astype(d)).add(b.astype(other).astype(d));
          return z.add(converted).add(a.gt(b).astype(d));
        };
        check(chain, x, row, col);
        Fn2<Array, Array, Array> transposed = (a, b) -> a.transpose(1, 0).mul(b).add(a.transpose(1, 0));
        check(transposed, t, x);
        Fn2<Array, Array, Array> scalar = (a, b) -> a.mul(b.mul(7).add(200));
        check(scalar, x, narrowInts(r, d, 1).reshape());
        // Out to f32 and i32 as well: the widened values convert as the stored ones do.
        Fn1<Array, Array> widened = a -> a.astype(DType.F32).mul(0.5f).add(a.astype(DType.I32).astype(DType.F32));
        check(widened, x);
        KernelPlan plan = NestLowering.lower(Staging.makeIr(chain, x, row, col));
        for (Step s : plan.steps()) assertTrue(s instanceof Step.Nest, "every step a nest: " + plan.steps());
        Fn1<Array, Array> totals = a -> Jnp.stack(List.of(Lax.reduceSum(a.mul(a), 0, 1), Lax.reduceProd(a.add(1), 0, 1),
            Lax.reduceMin(a, 0, 1), Lax.reduceMax(a.neg(), 0, 1)), 0);
        check(totals, x);
        Fn1<Array, Array> rows = a -> Lax.reduceSum(a.mul(5), 1).add(Lax.reduceMax(a, 1));
        check(rows, x);
        Fn1<Array, Array> columns = a -> Lax.reduceSum(a, 0).sub(Lax.reduceMin(a, 0));
        check(columns, t);
        check((Fn1<Array, Array>) a -> Lax.reduceSum(a.mul(a), 0), narrowInts(r, d, 1 << 18));
        for (Fn1<Array, Array> f : List.of(totals, rows, columns)) {
          for (Step s : NestLowering.lower(Staging.makeIr(f, x)).steps()) {
            assertFalse(s instanceof Step.Primitive p && p.equation().primitive() instanceof Reduce,
                "a reduction in a nest: " + s);
          }
        }
      }));
    }
    return tests.stream();
  }

  /** softmax over rows is one nest: the maximum, the exponentials' sum and the quotients in one pass per row. */
  @Test
  void softmaxIsOneNest() {
    Fn1<Array, Array> softmax = x -> {
      Array e = Jnp.exp(x.sub(Jnp.expandDims(Jnp.max(x, -1), -1)));
      return e.div(Jnp.expandDims(Jnp.sum(e, -1), -1));
    };
    KernelPlan plan = NestLowering.lower(Staging.makeIr(softmax, random(new Random(1), DType.F32, 4, 8)));
    assertEquals(1, plan.steps().size(), plan.steps().toString());
    assertTrue(plan.steps().get(0) instanceof Step.Nest);
    assertArrayEquals(new int[] {4}, ((Step.Nest) plan.steps().get(0)).nest().rows());
  }
}
