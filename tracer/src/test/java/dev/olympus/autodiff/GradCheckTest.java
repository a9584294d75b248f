package dev.olympus.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.PrimalAndTangent;
import dev.olympus.numpy.Jnp;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Gradient checks for every primitive ({@link PrimitiveCases}): reverse mode ({@code grad}, i.e. JVP rules,
 * linearization and the transpose rules of the linear primitives) and forward mode ({@code jvp}) against
 * central finite differences computed in double precision.
 *
 * <p>Tolerances. The differences use f64 inputs and step {@code h = 1e-5}: the truncation error of a central
 * difference is {@code h^2/6 |f'''|} (about 2e-11 for the third derivatives of these functions, all below 100 at
 * the chosen points) and the rounding error about {@code eps |f| / h} (2e-16 * |f| / 1e-5, about 2e-11 for
 * |f| below 100). So f64 derivatives must agree within {@code 1e-7 (1 + |fd|)}, a margin of 1000 over both.
 * In f32 the derivative itself is computed in f32, a short chain of operations each rounding with relative
 * error 6e-8 (times the conditioning of, e.g., tan and pow), so {@code 1e-4 (1 + |fd|)}.
 */
class GradCheckTest {
  private static final double H = 1e-5;
  private static final double F64_TOLERANCE = 1e-7;
  private static final double F32_TOLERANCE = 1e-4;

  @TestFactory
  Stream<DynamicTest> gradMatchesCentralDifferencesInF64() {
    return PrimitiveCases.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> checkGrad(c, DType.F64)));
  }

  @TestFactory
  Stream<DynamicTest> gradMatchesCentralDifferencesInF32() {
    return PrimitiveCases.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> checkGrad(c, DType.F32)));
  }

  @TestFactory
  Stream<DynamicTest> jvpMatchesDirectionalDifferences() {
    return PrimitiveCases.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> checkJvp(c)));
  }

  /** Converting through f32 rounds the function itself, so its difference quotient needs a wide step. */
  private static double stepFor(PrimitiveCases.Case c) {
    return c.name().startsWith("convert_element_type (float)") ? 1e-2 : H;
  }

  private static double toleranceFor(PrimitiveCases.Case c, DType dtype) {
    // With h = 1e-2 the f32 rounding of f (relative 6e-8, |f| < 10) is divided by h: about 6e-5.
    if (c.name().startsWith("convert_element_type (float)")) return 1e-3;
    return dtype == DType.F64 ? F64_TOLERANCE : F32_TOLERANCE;
  }

  static void checkGrad(PrimitiveCases.Case c, DType dtype) {
    Fn1<List<Array>, List<Array>> grad = Grad.grad(c.f());
    List<Array> inputs = c.inputs(dtype);
    List<Array> grads = grad.apply(inputs);
    assertEquals(inputs.size(), grads.size());
    double h = stepFor(c);
    for (int i = 0; i < inputs.size(); i++) {
      assertEquals(dtype, grads.get(i).dtype(), "gradient dtype of input " + i);
      assertEquals(List.of(toList(inputs.get(i).shape())), List.of(toList(grads.get(i).shape())), "gradient shape");
      double[] g = grads.get(i).toDoubleArray();
      for (int k = 0; k < g.length; k++) {
        double fd = centralDifference(c, i, k, h);
        double tol = toleranceFor(c, dtype) * (1 + Math.abs(fd));
        int fi = i, fk = k;
        assertTrue(Math.abs(g[k] - fd) <= tol, () -> c.name() + " " + dtype + ": d/d input" + fi + "[" + fk
            + "] = " + g[fk] + " by grad, " + fd + " by central difference");
      }
    }
  }

  static void checkJvp(PrimitiveCases.Case c) {
    List<Array> inputs = c.inputs(DType.F64);
    List<Array> tangents = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      double[] t = new double[(int) inputs.get(i).size()];
      for (int k = 0; k < t.length; k++) t[k] = Math.cos(0.9 * k + 2.1 * i + 0.3);
      tangents.add(Jnp.array(DType.F64, t, inputs.get(i).shape()));
    }
    PrimalAndTangent<Array> out = Grad.jvp(c.f(), inputs, tangents);
    assertEquals(value(c, inputs), out.primal().doubleValue(), 0.0, "jvp's primal output is f(x)");
    double h = stepFor(c);
    double fd = (value(c, shifted(inputs, tangents, h)) - value(c, shifted(inputs, tangents, -h))) / (2 * h);
    double tol = toleranceFor(c, DType.F64) * (1 + Math.abs(fd));
    assertEquals(fd, out.tangent().doubleValue(), tol, c.name() + ": jvp along t vs (f(x + ht) - f(x - ht)) / 2h");
  }

  private static double centralDifference(PrimitiveCases.Case c, int input, int element, double h) {
    return (value(c, perturbed(c, input, element, h)) - value(c, perturbed(c, input, element, -h))) / (2 * h);
  }

  private static List<Array> perturbed(PrimitiveCases.Case c, int input, int element, double delta) {
    List<Array> xs = new ArrayList<>();
    for (int i = 0; i < c.data().size(); i++) {
      double[] d = c.data().get(i).clone();
      if (i == input) d[element] += delta;
      xs.add(Jnp.array(DType.F64, d, c.shapes().get(i)));
    }
    return xs;
  }

  private static List<Array> shifted(List<Array> xs, List<Array> ts, double h) {
    List<Array> out = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) {
      double[] x = xs.get(i).toDoubleArray(), t = ts.get(i).toDoubleArray();
      for (int k = 0; k < x.length; k++) x[k] += h * t[k];
      out.add(Jnp.array(DType.F64, x, xs.get(i).shape()));
    }
    return out;
  }

  private static double value(PrimitiveCases.Case c, List<Array> xs) {
    Array y = c.f().apply(xs);
    assertEquals(DType.F64, y.dtype(), "the function is evaluated in f64");
    return y.doubleValue();
  }

  private static List<Integer> toList(int[] a) {
    List<Integer> l = new ArrayList<>();
    for (int v : a) l.add(v);
    return l;
  }
}
