package dev.olympus.usage;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.autodiff.Grad;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.Vmap;
import dev.olympus.errors.InvalidArgumentException;
import dev.olympus.errors.OlympusException;
import dev.olympus.errors.ShapeException;
import dev.olympus.numpy.Jnp;
import dev.olympus.primitive.Params;
import dev.olympus.primitive.Primitive;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The errors of grad/jvp/vjp/vmap as user code sees them: what happened, which argument, and the fix. */
class TransformationErrorsTest {
  static Array identity(Array x) { return Jnp.sin(x); }

  static Array square(Array x) { return Jnp.sum(Jnp.square(x)); }

  static Array add(Array x, Array y) { return Jnp.add(x, y); }

  public record Params2(Array w, Array n) {}

  static Array usesParams(Params2 p) { return Jnp.sum(p.w()); }

  private static void assertContains(String message, String... parts) {
    for (String p : parts) assertTrue(message.contains(p), () -> "message lacks \"" + p + "\":\n" + message);
  }

  @Test
  void gradOfANonScalarOutput() {
    ShapeException e = assertThrows(ShapeException.class,
        () -> Grad.grad(TransformationErrorsTest::identity).apply(Jnp.array(1f, 2f, 3f)));
    assertContains(e.getMessage(), "grad requires a scalar (f32[]) output, got f32[3]; use vjp or jvp, or sum() the output",
        "TransformationErrorsTest.identity", "TransformationErrorsTest.java:");
  }

  @Test
  void gradWithRespectToAnIntegerInput() {
    ShapeException e = assertThrows(ShapeException.class,
        () -> Grad.grad(TransformationErrorsTest::square).apply(Jnp.scalar(3)));
    assertContains(e.getMessage(), "grad requires real-valued inputs (f32/f64), got i32[] for the argument x; "
        + "use astype(F32) or jvp/vjp with float tangents");
    ShapeException inRecord = assertThrows(ShapeException.class,
        () -> Grad.grad(TransformationErrorsTest::usesParams).apply(new Params2(Jnp.array(1f), Jnp.scalar(2))));
    assertContains(inRecord.getMessage(), "got i32[] for the argument p.n");
  }

  @Test
  void gradOfAnIntegerOutput() {
    ShapeException e = assertThrows(ShapeException.class,
        () -> Grad.grad((Array x) -> Jnp.astype(x, dev.olympus.DType.I32)).apply(Jnp.scalar(1f)));
    assertContains(e.getMessage(), "real-valued (f32/f64) scalar output, got i32[]");
  }

  @Test
  void gradWithRespectToAJavaNumber() {
    Fn1<Float, Array> f = x -> Jnp.scalar(x);
    ShapeException e = assertThrows(ShapeException.class, () -> Grad.grad(f).apply(2f));
    assertContains(e.getMessage(), "is the Java Float 2.0", "Jnp.scalar(2.0)");
  }

  @Test
  void vmapWithInconsistentSizesNamesArgumentsAndSizes() {
    Fn2<Array, Array, Array> f = Vmap.vmap(TransformationErrorsTest::add, new int[] {0, 0}, 0);
    ShapeException e = assertThrows(ShapeException.class, () -> f.apply(Jnp.zeros(dev.olympus.DType.F32, 3),
        Jnp.zeros(dev.olympus.DType.F32, 4, 2)));
    assertContains(e.getMessage(), "vmap of TransformationErrorsTest.add got inconsistent sizes",
        "size 3: axis 0 of the argument x of type f32[3]", "size 4: axis 0 of the argument y of type f32[4,2]",
        "pass -1 in inAxes");
  }

  @Test
  void vmapAxisOutOfRangeAndNothingBatched() {
    ShapeException range = assertThrows(ShapeException.class,
        () -> Vmap.vmap(TransformationErrorsTest::add, new int[] {0, 2}, 0).apply(Jnp.zeros(dev.olympus.DType.F32, 3),
            Jnp.zeros(dev.olympus.DType.F32, 3, 2)));
    assertContains(range.getMessage(), "in_axes 2 for the argument y of type f32[3,2], which has rank 2");
    ShapeException none = assertThrows(ShapeException.class,
        () -> Vmap.vmap(TransformationErrorsTest::add, new int[] {-1, -1}, 0).apply(Jnp.scalar(1f), Jnp.scalar(2f)));
    assertContains(none.getMessage(), "needs at least one batched array", "every entry is -1");
    InvalidArgumentException count = assertThrows(InvalidArgumentException.class,
        () -> Vmap.vmap(TransformationErrorsTest::add, new int[] {0, 0, 0}, 0));
    assertContains(count.getMessage(), "3 in_axes", "function of 2 arguments");
    ShapeException out = assertThrows(ShapeException.class,
        () -> Vmap.vmap(TransformationErrorsTest::identity, new int[] {0}, -1).apply(Jnp.array(1f, 2f)));
    assertContains(out.getMessage(), "out axis -1 (not batched)", "varies over the batch");
  }

  @Test
  void jvpTangentMustMatchThePrimal() {
    ShapeException e = assertThrows(ShapeException.class,
        () -> Grad.jvp(TransformationErrorsTest::identity, Jnp.array(1f, 2f), Jnp.array(1f, 2f, 3f)));
    assertContains(e.getMessage(), "must match the primal in dtype and shape", "f32[3]", "f32[2]");
  }

  /** A primitive that only evaluates: it has no differentiation or batching rule. */
  static final class Opaque extends Primitive {
    static final Opaque OPAQUE = new Opaque();

    Opaque() { super("opaque"); }

    @Override
    public List<AbstractValue> abstractEval(List<AbstractValue> inputs, Params params) { return inputs; }

    @Override
    public List<Storage> evaluate(List<Storage> inputs, Params params) { return inputs; }
  }

  @Test
  void primitivesWithoutRulesSaySo() {
    OlympusException d = assertThrows(OlympusException.class,
        () -> Grad.grad((Array x) -> Jnp.sum(Opaque.OPAQUE.bind1(Params.NONE, x))).apply(Jnp.array(1f)));
    assertContains(d.getMessage(), "no differentiation rule for opaque");
    OlympusException b = assertThrows(OlympusException.class,
        () -> Vmap.vmap((Array x) -> Opaque.OPAQUE.bind1(Params.NONE, x), new int[] {0}, 0).apply(Jnp.array(1f)));
    assertContains(b.getMessage(), "no batching rule for opaque");
    OlympusException t = assertThrows(OlympusException.class,
        () -> dev.olympus.primitive.UnaryPrimitive.EXP.transpose(List.of(Tangent.of(Jnp.scalar(1f))),
            new LinearInputs(java.util.Arrays.asList((Array) null), List.of(Jnp.scalar(1f).aval())), Params.NONE));
    assertContains(t.getMessage(), "no transpose rule for exp");
  }
}
