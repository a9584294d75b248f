package dev.olympus;

/**
 * Element types. Names follow JAX: {@code f32} in IR text, {@code float32} in parameters and reprs.
 */
public enum DType {
  F32("f32", "float32", Kind.FLOAT, 32),
  F64("f64", "float64", Kind.FLOAT, 64),
  I32("i32", "int32", Kind.INT, 32),
  I64("i64", "int64", Kind.INT, 64),
  BOOL("bool", "bool", Kind.BOOL, 8);

  /** The families that type promotion and primitive dtype rules reason about. */
  public enum Kind { BOOL, INT, FLOAT }

  private final String shortName;
  private final String numpyName;
  private final Kind kind;
  private final int bits;

  DType(String shortName, String numpyName, Kind kind, int bits) {
    this.shortName = shortName;
    this.numpyName = numpyName;
    this.kind = kind;
    this.bits = bits;
  }

  /** The name jaxprs use for avals, e.g. {@code f32}. */
  public String shortName() { return shortName; }

  /** The name NumPy and JAX parameters use, e.g. {@code float32}. */
  public String numpyName() { return numpyName; }

  public Kind kind() { return kind; }

  public int bits() { return bits; }

  public boolean isFloating() { return kind == Kind.FLOAT; }

  public boolean isInteger() { return kind == Kind.INT; }

  public boolean isBool() { return kind == Kind.BOOL; }

  @Override
  public String toString() { return shortName; }
}
