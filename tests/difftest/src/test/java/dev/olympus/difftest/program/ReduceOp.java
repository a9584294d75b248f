package dev.olympus.difftest.program;

public enum ReduceOp {
  SUM, MEAN, MAX, MIN, ANY, ALL;

  /** The {@code Array} method of the same name exists. */
  public boolean hasMethod() { return this != ANY && this != ALL; }
}
