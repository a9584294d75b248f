package dev.olympus.batching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn2;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code vmap} of every primitive against a Java loop over the batch: for each batch element the per-example
 * arguments are cut out of the batched ones by index arithmetic here (not by Olympus ops), the function runs
 * eagerly on them, and the results must equal the corresponding slices of the vmapped result exactly. Exact
 * equality is the right bar: a batching rule only rearranges axes and calls the same kernel, whose per-element
 * arithmetic (including the order of additions in reductions and dot products) does not depend on the batch.
 * Each primitive runs with several in-axes: batch first, batch in a middle or last axis, and one argument not
 * batched (-1), and some with an out axis other than 0.
 */
class VmapPrimitiveTest {
  private static final int B = 3;

  /** A per-example function of two arrays, the per-example shapes and dtypes, and which axis pairs to try. */
  record Case(String name, Fn2<Array, Array, Array> f, DType xType, int[] xShape, DType yType, int[] yShape,
      List<int[]> axes, int outAxis) {}

  private static final List<int[]> VECTOR_AXES = List.of(new int[] {0, 0}, new int[] {1, 1}, new int[] {0, 1},
      new int[] {0, -1}, new int[] {-1, 1});

  private static final List<int[]> MATRIX_AXES = List.of(new int[] {0, 0}, new int[] {2, 1}, new int[] {1, -1},
      new int[] {-1, 2});

  private static final List<Case> CASES = new ArrayList<>();

  private static void add(String name, Fn2<Array, Array, Array> f, DType xt, int[] xs, DType yt, int[] ys,
      List<int[]> axes) {
    CASES.add(new Case(name, f, xt, xs, yt, ys, axes, 0));
  }

  private static void unary(String name, UnaryOperator<Array> op, DType t) {
    add(name, (x, y) -> op.apply(x), t, new int[] {4}, DType.F32, new int[0],
        List.of(new int[] {0, -1}, new int[] {1, -1}));
    // Out axis 1: the batch ends up last.
    CASES.add(new Case(name + " out_axes=1", (x, y) -> op.apply(x), t, new int[] {2, 2}, DType.F32, new int[0],
        List.of(new int[] {1, -1}), 1));
  }

  private static void binary(String name, BinaryOperator<Array> op, DType t) {
    add(name, op::apply, t, new int[] {4}, t, new int[] {4}, VECTOR_AXES);
    // Scalar per-example operands: the primitive broadcasts them; batched, they must be broadcast explicitly.
    add(name + " (0-d lhs)", op::apply, t, new int[0], t, new int[] {4},
        List.of(new int[] {0, 0}, new int[] {0, 1}, new int[] {-1, 0}, new int[] {0, -1}));
    add(name + " (0-d rhs)", op::apply, t, new int[] {4}, t, new int[0],
        List.of(new int[] {1, 0}, new int[] {-1, 0}, new int[] {0, -1}));
  }

  static {
    for (var e : List.<Object[]>of(new Object[] {"neg", (UnaryOperator<Array>) Lax::neg},
        new Object[] {"exp", (UnaryOperator<Array>) Lax::exp}, new Object[] {"log", (UnaryOperator<Array>) Lax::log},
        new Object[] {"sin", (UnaryOperator<Array>) Lax::sin}, new Object[] {"cos", (UnaryOperator<Array>) Lax::cos},
        new Object[] {"tan", (UnaryOperator<Array>) Lax::tan}, new Object[] {"tanh", (UnaryOperator<Array>) Lax::tanh},
        new Object[] {"sqrt", (UnaryOperator<Array>) Lax::sqrt},
        new Object[] {"rsqrt", (UnaryOperator<Array>) Lax::rsqrt},
        new Object[] {"log1p", (UnaryOperator<Array>) Lax::log1p},
        new Object[] {"expm1", (UnaryOperator<Array>) Lax::expm1},
        new Object[] {"floor", (UnaryOperator<Array>) Lax::floor},
        new Object[] {"ceil", (UnaryOperator<Array>) Lax::ceil}, new Object[] {"abs", (UnaryOperator<Array>) Lax::abs},
        new Object[] {"sign", (UnaryOperator<Array>) Lax::sign},
        new Object[] {"logistic", (UnaryOperator<Array>) Lax::logistic})) {
      @SuppressWarnings("unchecked")
      UnaryOperator<Array> op = (UnaryOperator<Array>) e[1];
      unary((String) e[0], op, DType.F32);
    }
    unary("neg (i32)", Lax::neg, DType.I32);
    unary("not (bool)", Lax::not, DType.BOOL);
    unary("convert_element_type", x -> Lax.convertElementType(x, DType.I32, false), DType.F32);
    unary("integer_pow", x -> Lax.integerPow(x, 3), DType.F32);

    binary("add", Lax::add, DType.F32);
    binary("sub", Lax::sub, DType.F32);
    binary("mul", Lax::mul, DType.F32);
    binary("div", Lax::div, DType.F32);
    binary("pow", Lax::pow, DType.F32);
    binary("max", Lax::max, DType.F32);
    binary("min", Lax::min, DType.F32);
    binary("rem", Lax::rem, DType.F32);
    binary("atan2", Lax::atan2, DType.F32);
    binary("add (i32)", Lax::add, DType.I32);
    binary("gt", Lax::gt, DType.F32);
    binary("lt", Lax::lt, DType.F32);
    binary("ge", Lax::ge, DType.I32);
    binary("le", Lax::le, DType.F32);
    binary("eq", Lax::eq, DType.I32);
    binary("ne", Lax::ne, DType.F32);
    binary("and (bool)", Lax::and, DType.BOOL);
    binary("or (bool)", Lax::or, DType.BOOL);

    add("select_n (bool selector)", (x, y) -> Lax.selectN(Lax.gt(x, y), x, y), DType.F32, new int[] {4},
        DType.F32, new int[] {4}, VECTOR_AXES);
    add("select_n (0-d selector)", (x, y) -> Lax.selectN(Lax.gt(Lax.reduceSum(x, 0), Lax.reduceSum(y, 0)), x, y),
        DType.F32, new int[] {4}, DType.F32, new int[] {4}, VECTOR_AXES);
    add("select_n (i32 selector, 3 cases)", (x, y) -> Lax.selectN(
            Lax.convertElementType(Lax.rem(Lax.abs(Lax.floor(x)), Jnp.scalar(DType.F32, 3)), DType.I32, false),
            x, y, Lax.mul(x, y)),
        DType.F32, new int[] {4}, DType.F32, new int[] {4}, VECTOR_AXES);
    add("iota", (x, y) -> Lax.add(x, Lax.iota(DType.F32, new int[] {4}, 0)), DType.F32, new int[] {4},
        DType.F32, new int[0], List.of(new int[] {0, -1}, new int[] {1, -1}));

    for (int[] axes : List.of(new int[] {1}, new int[] {0, 2}, new int[] {0, 1, 2})) {
      String suffix = " axes=" + Arrays.toString(axes);
      add("reduce_sum" + suffix, (x, y) -> Lax.reduceSum(x, axes), DType.F32, new int[] {2, 3, 4}, DType.F32,
          new int[0], List.of(new int[] {0, -1}, new int[] {1, -1}, new int[] {2, -1}, new int[] {3, -1}));
      add("reduce_max" + suffix, (x, y) -> Lax.reduceMax(x, axes), DType.F32, new int[] {2, 3, 4}, DType.F32,
          new int[0], List.of(new int[] {0, -1}, new int[] {2, -1}, new int[] {3, -1}));
      add("reduce_min" + suffix, (x, y) -> Lax.reduceMin(x, axes), DType.I32, new int[] {2, 3, 4}, DType.F32,
          new int[0], List.of(new int[] {1, -1}, new int[] {3, -1}));
    }
    add("broadcast_in_dim", (x, y) -> Lax.broadcastInDim(x, new int[] {2, 3, 4}, new int[] {1, 2}), DType.F32,
        new int[] {3, 1}, DType.F32, new int[0], List.of(new int[] {0, -1}, new int[] {1, -1}, new int[] {2, -1}));
    add("reshape", (x, y) -> Lax.reshape(x, 4, 6), DType.F32, new int[] {2, 3, 4}, DType.F32, new int[0],
        List.of(new int[] {0, -1}, new int[] {2, -1}, new int[] {3, -1}));
    add("transpose", (x, y) -> Lax.transpose(x, 2, 0, 1), DType.F32, new int[] {2, 3, 4}, DType.F32, new int[0],
        List.of(new int[] {0, -1}, new int[] {1, -1}, new int[] {3, -1}));
    add("squeeze", (x, y) -> Lax.squeeze(x, 1), DType.F32, new int[] {3, 1, 2}, DType.F32, new int[0],
        List.of(new int[] {0, -1}, new int[] {1, -1}, new int[] {2, -1}, new int[] {3, -1}));
    add("slice", (x, y) -> Lax.slice(x, new int[] {1, 0}, new int[] {5, 6}, new int[] {2, 3}), DType.F32,
        new int[] {5, 6}, DType.F32, new int[0], List.of(new int[] {0, -1}, new int[] {1, -1}, new int[] {2, -1}));
    add("concatenate", (x, y) -> Lax.concatenate(List.of(x, y, x), 1), DType.F32, new int[] {2, 3}, DType.F32,
        new int[] {2, 2}, MATRIX_AXES);
    add("pad", (x, y) -> Lax.pad(x, y, new int[] {1, 0}, new int[] {0, 2}, new int[] {1, 1}), DType.F32,
        new int[] {2, 3}, DType.F32, new int[0],
        List.of(new int[] {0, -1}, new int[] {2, -1}, new int[] {1, 0}, new int[] {-1, 0}));
    add("dot_general (matmul)", (x, y) -> Lax.dotGeneral(x, y, new int[] {1}, new int[] {0}, new int[0],
        new int[0]), DType.F32, new int[] {2, 3}, DType.F32, new int[] {3, 4}, MATRIX_AXES);
    add("dot_general (batch dims)", (x, y) -> Lax.dotGeneral(x, y, new int[] {2}, new int[] {1}, new int[] {0},
        new int[] {0}), DType.F32, new int[] {2, 3, 4}, DType.F32, new int[] {2, 4, 5},
        List.of(new int[] {0, 0}, new int[] {3, 1}, new int[] {1, -1}, new int[] {-1, 3}, new int[] {2, 2}));
    add("dot_general (batch dims not leading)", (x, y) -> Lax.dotGeneral(x, y, new int[] {2}, new int[] {0},
        new int[] {1}, new int[] {2}), DType.F32, new int[] {3, 2, 4}, DType.F32, new int[] {4, 5, 2},
        List.of(new int[] {0, 0}, new int[] {2, 3}, new int[] {3, -1}, new int[] {-1, 1}));
    add("dot_general (i32)", (x, y) -> Lax.dotGeneral(x, y, new int[] {1}, new int[] {0}, new int[0],
        new int[0]), DType.I32, new int[] {2, 3}, DType.I32, new int[] {3, 4}, MATRIX_AXES);
    add("Jnp composite", (x, y) -> Jnp.sum(Jnp.multiply(Jnp.tanh(Jnp.matmul(x, y)), 2.0), 0), DType.F32,
        new int[] {2, 3}, DType.F32, new int[] {3}, List.of(new int[] {0, 0}, new int[] {1, -1}, new int[] {-1, 1}));
  }

  @TestFactory
  Stream<DynamicTest> vmapMatchesALoopOverTheBatch() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Case c : CASES) {
      for (int[] axes : c.axes()) {
        tests.add(DynamicTest.dynamicTest(c.name() + " in_axes=" + Arrays.toString(axes) + " out_axes=" + c.outAxis(),
            () -> check(c, axes)));
      }
    }
    return tests.stream();
  }

  static void check(Case c, int[] axes) {
    Array x = data(c.xType(), batchedShape(c.xShape(), axes[0]), 1.0);
    Array y = data(c.yType(), batchedShape(c.yShape(), axes[1]), 2.0);
    Array out = Vmap.vmap(c.f(), axes, c.outAxis()).apply(x, y);
    List<Array> perExample = new ArrayList<>();
    for (int b = 0; b < B; b++) perExample.add(c.f().apply(example(x, axes[0], b), example(y, axes[1], b)));
    Array first = perExample.get(0);
    assertEquals(first.dtype(), out.dtype(), "dtype");
    int[] expectedShape = batchedShape(first.shape(), c.outAxis());
    assertArrayEquals(expectedShape, out.shape(), "shape of the vmapped result");
    for (int b = 0; b < B; b++) {
      double[] want = perExample.get(b).toDoubleArray();
      double[] got = example(out, c.outAxis(), b).toDoubleArray();
      assertArrayEquals(want, got, 0.0, c.name() + ": batch element " + b);
    }
  }

  /** The per-example shape with a batch axis of size B inserted at {@code axis} (unchanged for -1). */
  static int[] batchedShape(int[] shape, int axis) {
    if (axis == BatchAxis.NOT_BATCHED) return shape.clone();
    int[] out = new int[shape.length + 1];
    for (int i = 0, k = 0; i < out.length; i++) out[i] = i == axis ? B : shape[k++];
    return out;
  }

  /** Deterministic, distinct values of every dtype (some negative, none zero, no ties in a row). */
  static Array data(DType dtype, int[] shape, double seed) {
    int n = 1;
    for (int d : shape) n *= d;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double r = Math.sin(1.7 * i + seed) * 3.0;
      v[i] = switch (dtype) {
        case BOOL -> r > 0 ? 1 : 0;
        case I32, I64 -> Math.round(r * 3) == 0 ? 1 : Math.round(r * 3);
        default -> Math.abs(r) + 0.25 * (i % 3 == 0 ? -1 : 1) + (r > 0 ? 0.1 : 0.2);
      };
    }
    return Jnp.array(dtype, v, shape);
  }

  /** Element {@code b} along {@code axis}, cut out by index arithmetic. */
  static Array example(Array x, int axis, int b) {
    if (axis == BatchAxis.NOT_BATCHED) return x;
    int[] shape = x.shape();
    double[] data = x.toDoubleArray();
    int outer = 1, inner = 1;
    for (int d = 0; d < axis; d++) outer *= shape[d];
    for (int d = axis + 1; d < shape.length; d++) inner *= shape[d];
    double[] out = new double[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) out[o * inner + i] = data[(o * shape[axis] + b) * inner + i];
    }
    int[] outShape = new int[shape.length - 1];
    for (int d = 0, k = 0; d < shape.length; d++) if (d != axis) outShape[k++] = shape[d];
    return Jnp.array(x.dtype(), out, outShape);
  }
}
