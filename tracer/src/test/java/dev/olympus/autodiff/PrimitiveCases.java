package dev.olympus.autodiff;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import java.util.ArrayList;
import java.util.List;

/**
 * One differentiable test function per primitive (and per interesting parameter choice), each a scalar
 * function of a list of float arrays that applies the primitive once and reduces its result with a fixed,
 * non-symmetric weighting, so the gradient exercises the full Jacobian of the primitive. Every function works
 * for f32 and f64 inputs: constants take the dtype of the input they meet.
 */
final class PrimitiveCases {
  private PrimitiveCases() {}

  /** A named scalar function and the point to check it at (row-major data with shapes). */
  record Case(String name, Fn1<List<Array>, Array> f, List<double[]> data, List<int[]> shapes) {
    List<Array> inputs(DType dtype) {
      List<Array> xs = new ArrayList<>();
      for (int i = 0; i < data.size(); i++) xs.add(Jnp.array(dtype, data.get(i), shapes.get(i)));
      return xs;
    }

    @Override
    public String toString() { return name; }
  }

  /** {@code sum(w * y)} for weights {@code w_i = sin(1.3 i + 0.7)}: every output element counts, differently. */
  static Array weightedSum(Array y) {
    int n = (int) y.size();
    double[] w = new double[n];
    for (int i = 0; i < n; i++) w[i] = Math.sin(1.3 * i + 0.7);
    Array weights = Jnp.array(y.dtype(), w, y.shape());
    return Lax.reduceSum(Lax.mul(y, weights), range(y.ndim()));
  }

  static int[] range(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) r[i] = i;
    return r;
  }

  static Array constLike(Array x, double v) { return Jnp.scalar(x.dtype(), v); }

  private static final List<Case> CASES = new ArrayList<>();

  private static void add(String name, Fn1<List<Array>, Array> f, Object... dataAndShapes) {
    List<double[]> data = new ArrayList<>();
    List<int[]> shapes = new ArrayList<>();
    for (int i = 0; i < dataAndShapes.length; i += 2) {
      data.add((double[]) dataAndShapes[i]);
      shapes.add((int[]) dataAndShapes[i + 1]);
    }
    CASES.add(new Case(name, f, data, shapes));
  }

  private static void unary(String name, java.util.function.UnaryOperator<Array> op, double... at) {
    add(name, xs -> weightedSum(op.apply(xs.get(0))), at, new int[] {at.length});
  }

  private static void binary(String name, java.util.function.BinaryOperator<Array> op, double[] x, double[] y) {
    add(name, xs -> weightedSum(op.apply(xs.get(0), xs.get(1))), x, new int[] {x.length}, y, new int[] {y.length});
    // A 0-d operand is broadcast by the primitive itself: its cotangent is summed over the broadcast.
    add(name + " (0-d lhs)", xs -> weightedSum(op.apply(xs.get(0), xs.get(1))), new double[] {x[1]}, new int[0],
        y, new int[] {y.length});
    add(name + " (0-d rhs)", xs -> weightedSum(op.apply(xs.get(0), xs.get(1))), x, new int[] {x.length},
        new double[] {y[2]}, new int[0]);
  }

  private static double[] seq(int n, double start, double step) {
    double[] r = new double[n];
    for (int i = 0; i < n; i++) r[i] = start + step * i + 0.05 * Math.sin(7.0 * i);
    return r;
  }

  static {
    double[] anyReal = {-1.3, 0.4, 2.1};
    double[] positive = {0.3, 1.7, 4.2};
    unary("neg", Lax::neg, anyReal);
    unary("exp", Lax::exp, anyReal);
    unary("log", Lax::log, positive);
    unary("sin", Lax::sin, anyReal);
    unary("cos", Lax::cos, anyReal);
    unary("tan", Lax::tan, -1.0, 0.4, 1.2);
    unary("tanh", Lax::tanh, anyReal);
    unary("sqrt", Lax::sqrt, positive);
    unary("rsqrt", Lax::rsqrt, positive);
    unary("log1p", Lax::log1p, -0.5, 0.4, 2.1);
    unary("expm1", Lax::expm1, anyReal);
    unary("floor", Lax::floor, anyReal);
    unary("ceil", Lax::ceil, anyReal);
    unary("abs", Lax::abs, anyReal);
    unary("sign", Lax::sign, anyReal);
    unary("logistic", Lax::logistic, anyReal);

    double[] a = {-1.3, 0.4, 2.1};
    double[] b = {0.7, -1.9, 1.1};
    binary("add", Lax::add, a, b);
    binary("sub", Lax::sub, a, b);
    binary("mul", Lax::mul, a, b);
    binary("div", Lax::div, a, b);
    binary("pow", Lax::pow, new double[] {0.5, 1.3, 2.2}, new double[] {-1.2, 0.7, 2.5});
    binary("max", Lax::max, a, b);
    binary("min", Lax::min, a, b);
    binary("rem", Lax::rem, new double[] {5.3, -4.1, 2.2}, new double[] {2.0, 1.5, -0.7});
    binary("atan2", Lax::atan2, a, b);
    // At a tie, max/min split the derivative evenly, which is what a central difference measures.
    add("max (tie)", xs -> weightedSum(Lax.max(xs.get(0), xs.get(1))), new double[] {1, 2, 3}, new int[] {3},
        new double[] {1, 0, 5}, new int[] {3});
    add("min (tie)", xs -> weightedSum(Lax.min(xs.get(0), xs.get(1))), new double[] {1, 2, 3}, new int[] {3},
        new double[] {1, 0, 5}, new int[] {3});
    // x^0 == 1 for every x: the base derivative is 0 there, not 0 * x^-1.
    add("pow (y = 0)", xs -> weightedSum(Lax.pow(xs.get(0), xs.get(1))), new double[] {0.5, 1.3, 2.2},
        new int[] {3}, new double[] {0, 0.7, 2.5}, new int[] {3});

    // Comparisons have zero tangents; a bool result selects or scales something differentiable.
    for (String cmp : List.of("gt", "lt", "ge", "le", "eq", "ne")) {
      java.util.function.BinaryOperator<Array> op = switch (cmp) {
        case "gt" -> Lax::gt;
        case "lt" -> Lax::lt;
        case "ge" -> Lax::ge;
        case "le" -> Lax::le;
        case "eq" -> Lax::eq;
        default -> Lax::ne;
      };
      add(cmp, xs -> weightedSum(Lax.mul(Lax.mul(xs.get(0), xs.get(1)),
              Lax.convertElementType(op.apply(xs.get(0), xs.get(1)), xs.get(0).dtype(), false))),
          new double[] {-1.3, 0.4, 2.1, 0.5}, new int[] {4}, new double[] {0.7, -1.9, 1.1, 0.5 + 1.0 / 3}, new int[] {4});
    }

    add("select_n (bool)", xs -> weightedSum(Lax.selectN(Lax.gt(xs.get(0), xs.get(1)),
            Lax.mul(xs.get(0), xs.get(0)), Lax.sin(xs.get(1)))),
        a, new int[] {3}, b, new int[] {3});
    add("select_n (i32, 3 cases)", xs -> {
      Array which = Jnp.array(new int[] {2, 0, 1});
      return weightedSum(Lax.selectN(which, xs.get(0), Lax.mul(xs.get(0), xs.get(1)), Lax.exp(xs.get(1))));
    }, a, new int[] {3}, b, new int[] {3});
    add("select_n (0-d selector)", xs -> weightedSum(Lax.selectN(Jnp.scalar(true), xs.get(0), xs.get(1))),
        a, new int[] {3}, b, new int[] {3});

    // Through f32 and back: linear, exact up to rounding to f32 (the check uses a wide step for it).
    add("convert_element_type (float)", xs -> weightedSum(Lax.convertElementType(
        Lax.convertElementType(xs.get(0), DType.F32, false), xs.get(0).dtype(), false)), a, new int[] {3});
    add("convert_element_type (to int: zero)", xs -> weightedSum(Lax.mul(xs.get(0), Lax.convertElementType(
        Lax.convertElementType(xs.get(0), DType.I32, false), xs.get(0).dtype(), false))),
        new double[] {-1.3, 0.4, 2.6}, new int[] {3});

    for (int y : new int[] {-2, 0, 1, 2, 3}) {
      unary("integer_pow y=" + y, x -> Lax.integerPow(x, y), 0.6, -1.4, 2.3);
    }
    add("iota", xs -> weightedSum(Lax.mul(xs.get(0), Lax.iota(xs.get(0).dtype(), new int[] {2, 3}, 1))),
        seq(6, -1, 0.4), new int[] {2, 3});

    double[] cube = seq(24, -2.0, 0.17);
    int[] cubeShape = {2, 3, 4};
    add("reduce_sum axes=(1,)", xs -> weightedSum(Lax.reduceSum(Lax.sin(xs.get(0)), 1)), cube, cubeShape);
    add("reduce_sum axes=(0, 2)", xs -> weightedSum(Lax.reduceSum(Lax.sin(xs.get(0)), 0, 2)), cube, cubeShape);
    add("reduce_sum all", xs -> Lax.reduceSum(Lax.sin(xs.get(0)), 0, 1, 2), cube, cubeShape);
    add("reduce_max axes=(1,)", xs -> weightedSum(Lax.reduceMax(xs.get(0), 1)), cube, cubeShape);
    add("reduce_min axes=(0, 2)", xs -> weightedSum(Lax.reduceMin(xs.get(0), 0, 2)), cube, cubeShape);
    add("reduce_max (tie)", xs -> weightedSum(Lax.reduceMax(xs.get(0), 1)),
        new double[] {1, 3, 3, 2, 0.5, -1}, new int[] {2, 3});
    add("reduce_min (tie)", xs -> weightedSum(Lax.reduceMin(xs.get(0), 1)),
        new double[] {1, 3, 1, 2, 0.5, -1}, new int[] {2, 3});

    add("broadcast_in_dim", xs -> weightedSum(Lax.sin(Lax.broadcastInDim(xs.get(0), new int[] {2, 3, 4},
        new int[] {1, 2}))), seq(3, -1, 0.7), new int[] {3, 1});
    add("broadcast_in_dim (0-d)", xs -> weightedSum(Lax.broadcastInDim(xs.get(0), new int[] {2, 2}, new int[0])),
        new double[] {0.3}, new int[0]);
    add("reshape", xs -> weightedSum(Lax.sin(Lax.reshape(xs.get(0), 4, 6))), cube, cubeShape);
    add("transpose", xs -> weightedSum(Lax.sin(Lax.transpose(xs.get(0), 2, 0, 1))), cube, cubeShape);
    add("squeeze", xs -> weightedSum(Lax.sin(Lax.squeeze(xs.get(0), 1))), seq(6, -1, 0.3), new int[] {3, 1, 2});
    add("slice (strided)", xs -> weightedSum(Lax.sin(Lax.slice(xs.get(0), new int[] {1, 0}, new int[] {5, 6},
        new int[] {2, 3}))), seq(30, -2, 0.13), new int[] {5, 6});
    add("concatenate", xs -> weightedSum(Lax.sin(Lax.concatenate(List.of(xs.get(0), xs.get(1), xs.get(0)), 1))),
        seq(6, -1, 0.3), new int[] {2, 3}, seq(4, 0.5, 0.2), new int[] {2, 2});
    add("pad (value differentiable)", xs -> weightedSum(Lax.sin(Lax.pad(xs.get(0), xs.get(1), new int[] {1, 0},
        new int[] {0, 2}, new int[] {1, 1}))), seq(6, -1, 0.3), new int[] {2, 3}, new double[] {0.25}, new int[0]);
    add("dot_general (matmul)", xs -> weightedSum(Lax.dotGeneral(xs.get(0), xs.get(1), new int[] {1},
        new int[] {0}, new int[0], new int[0])), seq(6, -1, 0.3), new int[] {2, 3}, seq(12, 0.5, -0.1),
        new int[] {3, 4});
    add("dot_general (batch dims)", xs -> weightedSum(Lax.dotGeneral(xs.get(0), xs.get(1), new int[] {2},
        new int[] {1}, new int[] {0}, new int[] {0})), seq(24, -1, 0.1), new int[] {2, 3, 4}, seq(40, 0.5, -0.03),
        new int[] {2, 4, 5});
    add("dot_general (two contracting dims, permuted)", xs -> weightedSum(Lax.dotGeneral(xs.get(0), xs.get(1),
        new int[] {0, 2}, new int[] {1, 0}, new int[0], new int[0])), seq(24, -1, 0.1), new int[] {3, 2, 4},
        seq(60, 0.5, -0.02), new int[] {4, 3, 5});
    add("dot_general (batch dims not leading)", xs -> weightedSum(Lax.dotGeneral(xs.get(0), xs.get(1),
        new int[] {2}, new int[] {0}, new int[] {1}, new int[] {2})), seq(24, -1, 0.1), new int[] {3, 2, 4},
        seq(40, 0.5, -0.03), new int[] {4, 5, 2});
    add("dot_general (vector dot)", xs -> Lax.dotGeneral(xs.get(0), xs.get(1), new int[] {0}, new int[] {0},
        new int[0], new int[0]), a, new int[] {3}, b, new int[] {3});

    // Jnp composites: promotion, broadcasting and literals around the primitives.
    add("Jnp composite", xs -> Jnp.add(Jnp.mean(Jnp.multiply(Jnp.tanh(xs.get(0)), 2.0)),
        Jnp.sum(Jnp.power(Jnp.add(Jnp.matmul(xs.get(0), xs.get(1)), 1), 2))), seq(6, -1, 0.3), new int[] {2, 3}, seq(3, 0.5, 0.4),
        new int[] {3});
  }

  static List<Case> all() { return List.copyOf(CASES); }
}
