package dev.olympus.difftest.program;

/** An operand of an elementwise op: a value of the program, or a Java literal (weakly typed, as in JAX). */
public sealed interface Operand {
  /** Value {@code index} of the enclosing program (inputs first, then nodes). */
  record Ref(int index) implements Operand {}

  /** A Java {@code int} literal: a weakly typed i32 scalar. */
  record IntLit(int value) implements Operand {}

  /** A Java {@code double} literal: a weakly typed f32 scalar. */
  record FloatLit(double value) implements Operand {}

  static Operand ref(int index) { return new Ref(index); }
}
