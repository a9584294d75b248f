package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.Batched;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import java.util.List;

/**
 * {@code convert_element_type[new_dtype weak_type]}. Float to integer truncates toward zero, saturates at the
 * integer range and maps NaN to 0 (Java's cast; XLA leaves these cases implementation-defined).
 *
 * <p>Between floating dtypes it is linear (its transpose converts back); a conversion to or from an integer
 * or bool dtype has a zero tangent, as JAX's float0 tangents are.
 */
public final class ConvertElementType extends Primitive {
  public static final ConvertElementType CONVERT_ELEMENT_TYPE = new ConvertElementType();

  private ConvertElementType() {
    super("convert_element_type");
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 1);
    return List.of(new AbstractValue(params.dtype("new_dtype"), in.get(0).shape(), params.flag("weak_type")));
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    return List.of(in.get(0).convert(params.dtype("new_dtype")));
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    Array x = primals.get(0);
    Array out = bind1(params, x);
    Tangent g = tangents.get(0);
    if (g.isZero() || !x.dtype().isFloating() || !out.dtype().isFloating()) return JvpResult.zeroTangents(List.of(out));
    return JvpResult.of(out, Tangent.of(bind1(params, g.value())));
  }

  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    AbstractValue x = in.aval(0);
    return List.of(cotangents.get(0).map(x, ct -> bind1(Params.of("new_dtype", x.dtype(), "weak_type", x.weak()), ct)));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    return Batched.of(bind1(params, args.get(0)), dims[0]);
  }
}
