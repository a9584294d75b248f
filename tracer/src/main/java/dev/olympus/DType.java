package dev.olympus;

/**
 * Element types. Names follow JAX: {@code f32} in IR text, {@code float32} in parameters and reprs.
 */
public enum DType {
  F32("f32", "float32", Kind.FLOAT, 32),
  F64("f64", "float64", Kind.FLOAT, 64),
  I32("i32", "int32", Kind.INT, 32),
  I64("i64", "int64", Kind.INT, 64),
  BOOL("bool", "bool", Kind.BOOL, 8),
  BF16("bf16", "bfloat16", Kind.FLOAT, 16),
  F16("f16", "float16", Kind.FLOAT, 16),
  I8("i8", "int8", Kind.INT, 8),
  I16("i16", "int16", Kind.INT, 16),
  U8("u8", "uint8", Kind.INT, 8),
  U16("u16", "uint16", Kind.INT, 16),
  U32("u32", "uint32", Kind.INT, 32);

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

  /** Whether this is an unsigned integer type ({@code u8}, {@code u16}, {@code u32}). */
  public boolean isUnsigned() { return this == U8 || this == U16 || this == U32; }

  /**
   * Whether this type is narrower than the type it computes in (bf16, f16, the 8- and 16-bit integers, u32):
   * such arrays are stored at their own width and every arithmetic primitive runs on the widened
   * {@link #computeType()}, as XLA's CPU back end does, rounding or wrapping its results back.
   */
  public boolean isNarrow() { return computeType() != this; }

  /**
   * The type arithmetic on this type runs in: f32 for bf16 and f16, i32 for the 8- and 16-bit integers (which it
   * holds exactly, sign- or zero-extended), i64 for u32; every other type computes in itself.
   */
  public DType computeType() {
    return switch (this) {
      case BF16, F16 -> F32;
      case I8, I16, U8, U16 -> I32;
      case U32 -> I64;
      default -> this;
    };
  }

  /** The {@code @Shape}/IR short name's dtype ({@code f32}, {@code bf16}, ...), or {@code null}. */
  public static DType fromShortName(String name) {
    for (DType d : values()) if (d.shortName.equals(name)) return d;
    return null;
  }

  @Override
  public String toString() { return shortName; }
}
