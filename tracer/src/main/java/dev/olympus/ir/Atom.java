package dev.olympus.ir;

import dev.olympus.types.AbstractValue;

/** An equation operand: a variable or an inline scalar literal. */
public sealed interface Atom permits Var, Literal {
  AbstractValue aval();
}
