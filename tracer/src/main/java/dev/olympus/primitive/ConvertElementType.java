package dev.olympus.primitive;

import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import java.util.List;

/**
 * {@code convert_element_type[new_dtype weak_type]}. Float to integer truncates toward zero, saturates at the
 * integer range and maps NaN to 0 (Java's cast; XLA leaves these cases implementation-defined).
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
}
