package dev.olympus.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.PrimalAndTangent;
import dev.olympus.ValueAndGrad;
import dev.olympus.ValueAndPullback;
import dev.olympus.batching.Vmap;
import dev.olympus.ir.ClosedIr;
import dev.olympus.numpy.Jnp;
import dev.olympus.transform.FunctionInfo;
import dev.olympus.transform.Staging;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Transformations composed with each other and with staging, checked against closed-form derivatives
 * evaluated in double precision. Tolerances: results computed in f64 through a handful of operations agree
 * with the closed forms to a few ulps of their magnitude, so {@code 1e-12} relative; f32 results within a few
 * f32 ulps, {@code 1e-6} relative.
 */
class CompositionTest {
  /** x^2 sin x: f' = 2x sin x + x^2 cos x, f'' = (2 - x^2) sin x + 4x cos x. */
  static Array f(Array x) { return Jnp.multiply(Jnp.multiply(x, x), Jnp.sin(x)); }

  static double df(double x) { return 2 * x * Math.sin(x) + x * x * Math.cos(x); }

  static double d2f(double x) { return (2 - x * x) * Math.sin(x) + 4 * x * Math.cos(x); }

  static Array f64(double... v) { return Jnp.array(DType.F64, v, v.length); }

  static Array f64Scalar(double v) { return Jnp.scalar(DType.F64, v); }

  static void assertClose(double expected, double actual, double relative, String what) {
    assertEquals(expected, actual, relative * Math.max(1, Math.abs(expected)), what);
  }

  @Test
  void gradOfGradIsTheSecondDerivative() {
    Fn1<Array, Array> second = Grad.grad(Grad.grad(CompositionTest::f));
    for (double x : new double[] {-2.1, -0.3, 0.0, 0.7, 1.9}) {
      assertClose(d2f(x), second.apply(f64Scalar(x)).doubleValue(), 1e-12, "f''(" + x + ")");
    }
    // Third order: d^3/dx^3 sin = -cos.
    Fn1<Array, Array> third = Grad.grad(Grad.grad(Grad.grad(Jnp::sin)));
    assertClose(-Math.cos(0.8), third.apply(f64Scalar(0.8)).doubleValue(), 1e-12, "sin'''");
  }

  @Test
  void gradOfVmapDifferentiatesEachElement() {
    Fn1<Array, Array> batched = Vmap.vmap(CompositionTest::f, new int[] {0}, 0);
    Fn1<Array, Array> g = Grad.grad(x -> Jnp.sum(batched.apply(x)));
    double[] xs = {-1.5, 0.2, 1.1, 2.4};
    double[] got = g.apply(f64(xs)).toDoubleArray();
    for (int i = 0; i < xs.length; i++) assertClose(df(xs[i]), got[i], 1e-12, "element " + i);
  }

  @Test
  void vmapOfGradIsTheDerivativePerElement() {
    Fn1<Array, Array> perElement = Vmap.vmap(Grad.grad(CompositionTest::f), new int[] {0}, 0);
    double[] xs = {-1.5, 0.2, 1.1, 2.4};
    double[] got = perElement.apply(f64(xs)).toDoubleArray();
    for (int i = 0; i < xs.length; i++) assertClose(df(xs[i]), got[i], 1e-12, "element " + i);
    // And of the second derivative.
    double[] second = Vmap.vmap(Grad.grad(Grad.grad(CompositionTest::f)), new int[] {0}, 0).apply(f64(xs))
        .toDoubleArray();
    for (int i = 0; i < xs.length; i++) assertClose(d2f(xs[i]), second[i], 1e-12, "f'' element " + i);
  }

  @Test
  void vmapOfVmapMapsTwoAxes() {
    Fn1<Array, Array> twice = Vmap.vmap(Vmap.vmap(CompositionTest::f, new int[] {0}, 0), new int[] {1}, 0);
    double[] data = {0.1, -0.4, 1.3, 2.2, -1.7, 0.9};
    Array x = Jnp.array(DType.F64, data, 2, 3);
    Array out = twice.apply(x);
    // The outer vmap maps axis 1 of x (size 3) to the front; the inner maps the remaining axis (size 2).
    assertArrayEquals(new int[] {3, 2}, out.shape());
    double[] got = out.toDoubleArray();
    for (int j = 0; j < 3; j++) {
      for (int i = 0; i < 2; i++) {
        double v = data[i * 3 + j];
        assertClose(v * v * Math.sin(v), got[j * 2 + i], 1e-15, "element (" + i + ", " + j + ")");
      }
    }
  }

  /** sum(x^3) + x0 x1: gradient 3x^2 + (x1, x0, 0), Hessian diag(6x) + the x0-x1 coupling. */
  static Array cubic(Array x) {
    Array x0 = Jnp.slice(x, 0, 0, 1, 1), x1 = Jnp.slice(x, 0, 1, 2, 1);
    return Jnp.add(Jnp.sum(Jnp.power(x, 3)), Jnp.sum(Jnp.multiply(x0, x1)));
  }

  @Test
  void jvpAgreesWithGrad() {
    double[] x = {0.5, -1.2, 2.0};
    double[] t = {0.3, 0.9, -0.4};
    PrimalAndTangent<Array> out = Grad.jvp(CompositionTest::cubic, f64(x), f64(t));
    double[] g = Grad.grad(CompositionTest::cubic).apply(f64(x)).toDoubleArray();
    double dot = 0;
    for (int i = 0; i < 3; i++) dot += g[i] * t[i];
    assertClose(dot, out.tangent().doubleValue(), 1e-12, "jvp(f, x, t) == grad(f)(x) . t");
    double value = x[0] * x[0] * x[0] + x[1] * x[1] * x[1] + x[2] * x[2] * x[2] + x[0] * x[1];
    assertClose(value, out.primal().doubleValue(), 1e-12, "primal");
    double[] closedForm = {3 * x[0] * x[0] + x[1], 3 * x[1] * x[1] + x[0], 3 * x[2] * x[2]};
    for (int i = 0; i < 3; i++) assertClose(closedForm[i], g[i], 1e-12, "grad[" + i + "]");
  }

  @Test
  void hessianVectorProductsForwardOverReverseAndReverseOverForward() {
    double[] x = {0.5, -1.2, 2.0};
    double[] v = {0.3, 0.9, -0.4};
    double[] hv = {6 * x[0] * v[0] + v[1], 6 * x[1] * v[1] + v[0], 6 * x[2] * v[2]};
    Fn1<Array, Array> grad = Grad.grad(CompositionTest::cubic);
    double[] forwardOverReverse = Grad.jvp(grad, f64(x), f64(v)).tangent().toDoubleArray();
    Fn1<Array, Array> directional = y -> Grad.jvp(CompositionTest::cubic, y, f64(v)).tangent();
    double[] reverseOverForward = Grad.grad(directional).apply(f64(x)).toDoubleArray();
    for (int i = 0; i < 3; i++) {
      assertClose(hv[i], forwardOverReverse[i], 1e-12, "jvp of grad [" + i + "]");
      assertClose(hv[i], reverseOverForward[i], 1e-12, "grad of jvp [" + i + "]");
    }
  }

  @Test
  void vjpPullsBackAVectorCotangent() {
    // f(x) = (sin x0 * x1, x0 + x1^2, exp x2): J^T c by hand.
    Fn1<Array, Array> f = x -> Jnp.concatenate(List.of(
        Jnp.multiply(Jnp.sin(Jnp.slice(x, 0, 0, 1, 1)), Jnp.slice(x, 0, 1, 2, 1)),
        Jnp.add(Jnp.slice(x, 0, 0, 1, 1), Jnp.square(Jnp.slice(x, 0, 1, 2, 1))),
        Jnp.exp(Jnp.slice(x, 0, 2, 3, 1))), 0);
    double[] x = {0.4, -1.1, 0.6};
    double[] c = {1.5, -0.5, 2.0};
    ValueAndPullback<Array, Array> vjp = Grad.vjp(f, f64(x));
    assertClose(Math.sin(x[0]) * x[1], vjp.value().toDoubleArray()[0], 1e-15, "value[0]");
    double[] got = vjp.pullback().apply(f64(c)).toDoubleArray();
    double[] want = {c[0] * Math.cos(x[0]) * x[1] + c[1], c[0] * Math.sin(x[0]) + c[1] * 2 * x[1],
        c[2] * Math.exp(x[2])};
    for (int i = 0; i < 3; i++) assertClose(want[i], got[i], 1e-12, "J^T c [" + i + "]");
    // The pullback can be called again, with another cotangent.
    double[] again = vjp.pullback().apply(f64(0, 1, 0)).toDoubleArray();
    assertClose(2 * x[1], again[1], 1e-12, "second pullback");
  }

  @Test
  void vmapOfJvpAndVjp() {
    double[] xs = {-0.7, 0.3, 1.6};
    Fn1<Array, Array> tangentOfF = x -> Grad.jvp(CompositionTest::f, x, Jnp.onesLike(x)).tangent();
    double[] forward = Vmap.vmap(tangentOfF, new int[] {0}, 0).apply(f64(xs)).toDoubleArray();
    Fn1<Array, Array> pulled = x -> Grad.vjp(CompositionTest::f, x).pullback().apply(Jnp.onesLike(x));
    double[] reverse = Vmap.vmap(pulled, new int[] {0}, 0).apply(f64(xs)).toDoubleArray();
    for (int i = 0; i < xs.length; i++) {
      assertClose(df(xs[i]), forward[i], 1e-12, "vmap of jvp [" + i + "]");
      assertClose(df(xs[i]), reverse[i], 1e-12, "vmap of vjp [" + i + "]");
    }
  }

  static Array fun(Array x) { return Jnp.add(2, Jnp.sin(x)); }

  @Test
  void makeIrOfGradStagesForwardThenBackward() {
    ClosedIr ir = Staging.makeIr(Grad.grad(CompositionTest::fun), 1.0f);
    assertEquals("""
        { lambda ; a:f32[]. let
            b:f32[] = sin a
            c:f32[] = cos a
            _:f32[] = add 2.0:f32[] b
            d:f32[] = mul 1.0:f32[] c
          in (d,) }""", ir.toString());
    // The staged gradient computes cos.
    assertEquals((float) Math.cos(0.5), ir.call(List.of(Jnp.scalar(0.5f))).get(0).floatValue());
  }

  /** y is a constant of the differentiation: its sin is computed once, and nothing is differentiated through it. */
  static Array xTimesYPlusSinY(Array x, Array y) { return Jnp.add(Jnp.multiply(x, y), Jnp.sin(y)); }

  @Test
  void symbolicZerosCostNothing() {
    ClosedIr ir = Staging.makeIr(Grad.grad(CompositionTest::xTimesYPlusSinY), 1.0f, 2.0f);
    assertEquals("""
        { lambda ; a:f32[] b:f32[]. let
            c:f32[] = mul a b
            d:f32[] = sin b
            _:f32[] = add c d
            e:f32[] = mul 1.0:f32[] b
          in (e,) }""", ir.toString());
  }

  @Test
  void makeIrOfVmapAndOfJvp() {
    ClosedIr batched = Staging.makeIr(Vmap.vmap(CompositionTest::fun, new int[] {0}, 0), Jnp.array(1f, 2f, 3f));
    // Short enough for one 80-column line, so printed on one line as make_jaxpr does.
    assertEquals("{ lambda ; a:f32[3]. let b:f32[3] = sin a; c:f32[3] = add 2.0:f32[] b in (c,) }",
        batched.toString());
    Fn1<Array, Array> tangent = x -> Grad.jvp(CompositionTest::fun, x, Jnp.onesLike(x)).tangent();
    ClosedIr forward = Staging.makeIr(tangent, 1.0f);
    assertEquals("""
        { lambda ; a:f32[]. let
            b:f32[] = sin a
            c:f32[] = cos a
            d:f32[] = mul 1.0:f32[] c
            _:f32[] = add 2.0:f32[] b
          in (d,) }""", forward.toString());
  }

  @Test
  void gradWithRespectToOtherArguments() {
    Fn2<Array, Array, Array> f = (x, y) -> Jnp.multiply(Jnp.sin(x), Jnp.exp(y));
    Fn2<Array, Array, Array> dy = Grad.grad(f, 1);
    assertClose(Math.sin(0.3) * Math.exp(0.7), dy.apply(f64Scalar(0.3), f64Scalar(0.7)).doubleValue(), 1e-15, "d/dy");
    Fn2<Array, Array, ValueAndGrad<Array>> vg = Grad.valueAndGrad(f, 1);
    ValueAndGrad<Array> r = vg.apply(f64Scalar(0.3), f64Scalar(0.7));
    assertClose(Math.sin(0.3) * Math.exp(0.7), r.value().doubleValue(), 1e-15, "value");
    assertClose(Math.sin(0.3) * Math.exp(0.7), r.grad().doubleValue(), 1e-15, "grad");
    dev.olympus.Fn3<Array, Array, Array, Array> h = (x, y, z) -> Jnp.multiply(Jnp.multiply(x, y), Jnp.square(z));
    dev.olympus.Fn3<Array, Array, Array, Array> dz = Grad.grad(h, 2);
    assertClose(2 * 2.0 * 3.0 * 5.0, dz.apply(f64Scalar(2), f64Scalar(3), f64Scalar(5)).doubleValue(), 1e-15, "d/dz");
    dev.olympus.Fn4<Array, Array, Array, Array, Array> k = (a, b, c, d) -> Jnp.multiply(a, Jnp.add(b, Jnp.add(c, d)));
    assertClose(2 + 3 + 4, Grad.grad(k).apply(f64Scalar(1), f64Scalar(2), f64Scalar(3), f64Scalar(4)).doubleValue(),
        1e-15, "Fn4 d/da");
  }

  @Test
  void integerInputsOfVjpGetZeroCotangents() {
    Fn1<List<Array>, Array> f = xs -> Jnp.multiply(xs.get(0), Jnp.astype(xs.get(1), DType.F32));
    ValueAndPullback<Array, List<Array>> vjp = Grad.vjp(f, List.of(Jnp.scalar(2f), Jnp.scalar(3)));
    List<Array> cts = vjp.pullback().apply(Jnp.scalar(1f));
    assertEquals(3f, cts.get(0).floatValue(), "d/dx of x * n is n");
    assertEquals(DType.I32, cts.get(1).dtype(), "an integer input's cotangent keeps its dtype");
    assertEquals(0, cts.get(1).intValue(), "and is zero");
  }

  @Test
  void gradOfAConstantFunctionIsZero() {
    Fn1<Array, Array> g = Grad.grad(x -> Jnp.sum(Jnp.ones(DType.F32, 3)));
    Array zero = g.apply(Jnp.array(1f, 2f));
    assertArrayEquals(new float[] {0, 0}, zero.toFloatArray());
  }

  @Test
  void vmapPassesJavaNumbersThrough() {
    Fn2<Array, Float, Array> scaled = (x, s) -> Jnp.multiply(x, s.floatValue());
    Array out = Vmap.vmap(scaled, new int[] {0, -1}, 0).apply(Jnp.array(1f, 2f), 3f);
    assertArrayEquals(new float[] {3f, 6f}, out.toFloatArray());
  }

  @Test
  void transformedFunctionsAreEqualWhenBuiltAgain() {
    // A jit cache keys on FunctionInfo.identity(): grad(Ex::fun) built twice must be the same function.
    Object a = FunctionInfo.of(Grad.grad(CompositionTest::fun)).identity();
    Object b = FunctionInfo.of(Grad.grad(CompositionTest::fun)).identity();
    assertEquals(a, b);
    assertEquals(Grad.grad(CompositionTest::fun), Grad.grad(CompositionTest::fun));
    assertTrue(!FunctionInfo.of(Grad.grad(CompositionTest::fun)).identity()
        .equals(FunctionInfo.of(Grad.grad(CompositionTest::f)).identity()), "different functions differ");
    assertTrue(!FunctionInfo.of(Vmap.vmap(CompositionTest::fun, new int[] {0}, 0)).identity()
        .equals(FunctionInfo.of(Vmap.vmap(CompositionTest::fun, new int[] {0}, 1)).identity()), "settings count");
    assertEquals("vmap of grad of CompositionTest.fun",
        FunctionInfo.of(Vmap.vmap(Grad.grad(CompositionTest::fun), new int[] {0}, 0)).name());
  }

  @Test
  void nestedGradsKeepTheirPerturbationsApart() {
    // f(x) = x * d/dy (x + y) at y = 1 = x, so f'(x) = 1. Confusing the inner and outer tangents gives 2.
    Fn1<Array, Array> f = x -> Jnp.multiply(x, Grad.grad((Array y) -> Jnp.add(x, y)).apply(f64Scalar(1)));
    assertEquals(1.0, Grad.grad(f).apply(f64Scalar(3)).doubleValue(), 0.0);
    // g(x) = d/dy (x * y^2) at y = x, = 2 x^2, so g'(x) = 4x; the inner function closes over the outer x.
    Fn1<Array, Array> g = x -> Grad.grad((Array y) -> Jnp.multiply(x, Jnp.square(y))).apply(x);
    assertClose(4 * 1.5, Grad.grad(g).apply(f64Scalar(1.5)).doubleValue(), 1e-15, "g'(x)");
  }

  @Test
  void vmapBroadcastsResultsThatDoNotDependOnTheBatch() {
    Fn1<Array, List<Array>> f = x -> List.of(Jnp.multiply(x, 2.0), Jnp.ones(DType.F32, 2));
    List<Array> out = Vmap.vmap(f, new int[] {0}, 0).apply(Jnp.array(1f, 2f, 3f));
    assertArrayEquals(new float[] {2, 4, 6}, out.get(0).toFloatArray());
    assertArrayEquals(new int[] {3, 2}, out.get(1).shape(), "the constant is repeated for every batch element");
    assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, out.get(1).toFloatArray());
  }
}
