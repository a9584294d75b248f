package dev.olympus.ir;

import dev.olympus.types.AbstractValue;

/**
 * A variable of the IR. Identity is object identity; the printed name ({@code a}, {@code b}, ...) is assigned
 * by the printer in order of definition, so IR text does not depend on how it was built.
 */
public final class Var implements Atom {
  private final AbstractValue aval;

  public Var(AbstractValue aval) {
    this.aval = aval;
  }

  @Override
  public AbstractValue aval() { return aval; }

  @Override
  public String toString() { return "Var<" + aval + ">@" + Integer.toHexString(System.identityHashCode(this)); }
}
