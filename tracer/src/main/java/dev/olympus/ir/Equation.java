package dev.olympus.ir;

import dev.olympus.primitive.Params;
import dev.olympus.primitive.Primitive;
import java.util.List;

/** {@code outputs = primitive[params] inputs}: one step of an IR. */
public record Equation(Primitive primitive, List<Atom> inputs, Params params, List<Var> outputs) {
  public Equation {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }
}
