package dev.olympus.storage;

import dev.olympus.DType;
import dev.olympus.errors.AllocationException;
import dev.olympus.errors.SourceLocation;
import dev.olympus.types.Shape;

/**
 * The data of a concrete array: one primitive Java array in row-major order whose element type matches the
 * dtype ({@code float[]} for f32, {@code double[]} f64, {@code int[]} i32, {@code long[]} i64, {@code boolean[]}
 * bool), or that holds its bits at their own width: {@code short[]} for bf16, f16, i16 and u16 (the floats as
 * {@link HalfPrecision} bits), {@code byte[]} for i8 and u8, {@code int[]} for u32. Unsigned elements read
 * zero-extended. Storage is never mutated after construction; kernels write into fresh storage only.
 */
public final class Storage {
  private final DType dtype;
  private final Shape shape;
  private final Object data;

  private Storage(DType dtype, Shape shape, Object data) {
    this.dtype = dtype;
    this.shape = shape;
    this.data = data;
  }

  /** Wraps {@code data} without copying; the caller hands over ownership. */
  public static Storage wrap(DType dtype, Shape shape, Object data) {
    int len = java.lang.reflect.Array.getLength(data);
    if (len != shape.size()) {
      throw new IllegalArgumentException(
          "data has " + len + " elements but shape " + shape + " needs " + shape.size());
    }
    Class<?> expected = arrayClass(dtype);
    if (data.getClass() != expected) {
      throw new IllegalArgumentException(
          "dtype " + dtype.numpyName() + " is stored as " + expected.getSimpleName() + ", got "
              + data.getClass().getSimpleName());
    }
    return new Storage(dtype, shape, data);
  }

  /**
   * Fresh zeroed storage: the one place a result buffer is allocated (besides {@link #convert}'s copy). A
   * request larger than the whole heap fails before {@code new}; one the heap cannot hold now fails when the JVM
   * says so. Both are an {@link AllocationException} with the dtype, shape and bytes, never a bare
   * {@code OutOfMemoryError}.
   */
  public static Storage allocate(DType dtype, Shape shape) {
    // Shape keeps every size within a Java array's length.
    int n = (int) shape.size();
    long bytes = n * (long) bytesPerElement(dtype);
    long heap = Runtime.getRuntime().maxMemory();
    if (heap != Long.MAX_VALUE && bytes > heap) {
      throw new AllocationException("cannot allocate a " + dtype + " array of shape " + shape.tuple() + ": it needs "
          + bytes(bytes) + " but the whole Java heap is " + bytes(heap) + ". Fix: start the JVM with a larger heap "
          + "(-Xmx), or work on smaller arrays, e.g. a batch at a time." + SourceLocation.suffix());
    }
    Object data;
    try {
      data = switch (dtype) {
        case F32 -> new float[n];
        case F64 -> new double[n];
        case I32 -> new int[n];
        case I64 -> new long[n];
        case BOOL -> new boolean[n];
        case BF16, F16, I16, U16 -> new short[n];
        case I8, U8 -> new byte[n];
        case U32 -> new int[n];
      };
    } catch (OutOfMemoryError e) {
      throw heapFull(dtype, shape, e);
    }
    return new Storage(dtype, shape, data);
  }

  private static AllocationException heapFull(DType dtype, Shape shape, OutOfMemoryError e) {
    // The failed request was not allocated, so there is room left to build this message.
    Runtime rt = Runtime.getRuntime();
    long bytes = shape.size() * bytesPerElement(dtype), heap = rt.maxMemory();
    return new AllocationException("cannot allocate a " + dtype + " array of shape " + shape.tuple() + ": it needs "
        + bytes(bytes) + " and the Java heap (at most " + bytes(heap) + ", " + bytes(rt.totalMemory() - rt.freeMemory())
        + " in use) has no room for it. Fix: start the JVM with a larger heap (-Xmx), drop references to arrays "
        + "you no longer need, or work on smaller arrays." + SourceLocation.suffix(), e);
  }

  /**
   * A copy of the backing array by {@code clone}, which the JIT compiles to an allocation filled by the copy
   * itself: unlike {@code allocate} and then {@code System.arraycopy}, it does not zero the new array first,
   * a whole pass over memory for the multi-megabyte operands of a scatter.
   */
  private Object copyOfData() {
    try {
      if (data instanceof float[] a) return a.clone();
      if (data instanceof double[] a) return a.clone();
      if (data instanceof int[] a) return a.clone();
      if (data instanceof long[] a) return a.clone();
      if (data instanceof boolean[] a) return a.clone();
      if (data instanceof short[] a) return a.clone();
      return ((byte[]) data).clone();
    } catch (OutOfMemoryError e) {
      throw heapFull(dtype, shape, e);
    }
  }

  /** The bytes one element of {@code dtype} takes in its Java array (a {@code boolean} takes one). */
  public static int bytesPerElement(DType dtype) {
    return dtype.bits() / 8;
  }

  /** {@code 17179869152 bytes (16.0 GiB)}, {@code 16000000 bytes (15.3 MiB)}. */
  private static String bytes(long n) {
    boolean gib = n >= 1L << 30;
    return n + " bytes (" + String.format(java.util.Locale.ROOT, gib ? "%.1f GiB" : "%.1f MiB",
        n / (double) (gib ? 1L << 30 : 1L << 20)) + ")";
  }

  public static Class<?> arrayClass(DType dtype) {
    return switch (dtype) {
      case F32 -> float[].class;
      case F64 -> double[].class;
      case I32 -> int[].class;
      case I64 -> long[].class;
      case BOOL -> boolean[].class;
      case BF16, F16, I16, U16 -> short[].class;
      case I8, U8 -> byte[].class;
      case U32 -> int[].class;
    };
  }

  /** A 0-d storage holding {@code value} converted to {@code dtype} as a cast would. */
  public static Storage scalar(DType dtype, double value) {
    Storage s = allocate(dtype, Shape.SCALAR);
    s.setDouble(0, value);
    return s;
  }

  public static Storage scalarLong(DType dtype, long value) {
    Storage s = allocate(dtype, Shape.SCALAR);
    s.setLong(0, value);
    return s;
  }

  public DType dtype() { return dtype; }

  public Shape shape() { return shape; }

  /** The backing primitive array. Callers must not mutate it unless they just allocated this storage. */
  public Object data() { return data; }

  public int length() { return java.lang.reflect.Array.getLength(data); }

  public float[] f32() { return (float[]) data; }

  public double[] f64() { return (double[]) data; }

  public int[] i32() { return (int[]) data; }

  public long[] i64() { return (long[]) data; }

  public boolean[] bool() { return (boolean[]) data; }

  /** The bits of bf16, f16, i16 and u16 data. */
  public short[] i16() { return (short[]) data; }

  /** The bits of i8 and u8 data. */
  public byte[] i8() { return (byte[]) data; }

  /** The Java element type that holds {@code dtype}: {@code float}, {@code double}, {@code int}, ... */
  public static String javaElementType(DType dtype) {
    return arrayClass(dtype).getComponentType().getName();
  }

  /** The name of the typed accessor of {@code dtype}'s data ({@code f32}, ..., {@code bool}), for generated code. */
  public static String accessorName(DType dtype) {
    return switch (dtype) {
      case F32 -> "f32";
      case F64 -> "f64";
      case I32 -> "i32";
      case I64 -> "i64";
      case BOOL -> "bool";
      case BF16, F16, I16, U16 -> "i16";
      case I8, U8 -> "i8";
      case U32 -> "i32";
    };
  }

  /** Element {@code i} widened to double (bool: 0 or 1). */
  public double getDouble(int i) {
    return switch (dtype) {
      case F32 -> ((float[]) data)[i];
      case F64 -> ((double[]) data)[i];
      case I32 -> ((int[]) data)[i];
      case I64 -> ((long[]) data)[i];
      case BOOL -> ((boolean[]) data)[i] ? 1.0 : 0.0;
      case BF16 -> HalfPrecision.bf16ToFloat(((short[]) data)[i]);
      case F16 -> HalfPrecision.f16ToFloat(((short[]) data)[i]);
      default -> getLong(i);
    };
  }

  /** Element {@code i} as long; floats convert as XLA does (truncation toward zero, NaN to 0, saturating). */
  public long getLong(int i) {
    return switch (dtype) {
      case F32 -> (long) ((float[]) data)[i];
      case F64 -> (long) ((double[]) data)[i];
      case I32 -> ((int[]) data)[i];
      case I64 -> ((long[]) data)[i];
      case BOOL -> ((boolean[]) data)[i] ? 1L : 0L;
      case BF16 -> (long) HalfPrecision.bf16ToFloat(((short[]) data)[i]);
      case F16 -> (long) HalfPrecision.f16ToFloat(((short[]) data)[i]);
      case I8 -> ((byte[]) data)[i];
      case U8 -> ((byte[]) data)[i] & 0xffL;
      case I16 -> ((short[]) data)[i];
      case U16 -> ((short[]) data)[i] & 0xffffL;
      case U32 -> ((int[]) data)[i] & 0xffffffffL;
    };
  }

  public boolean getBool(int i) {
    return switch (dtype) {
      case F32 -> ((float[]) data)[i] != 0f;
      case F64 -> ((double[]) data)[i] != 0.0;
      case I32 -> ((int[]) data)[i] != 0;
      case I64 -> ((long[]) data)[i] != 0L;
      case BOOL -> ((boolean[]) data)[i];
      case BF16, F16 -> getDouble(i) != 0.0;
      default -> getLong(i) != 0L;
    };
  }

  /**
   * Sets element {@code i}, converting like a Java cast: float to int saturates at the type's bounds and NaN
   * becomes 0 (XLA's CPU conversion does the same), f64 to bf16/f16 rounds through f32 as ml_dtypes does.
   */
  public void setDouble(int i, double v) {
    switch (dtype) {
      case F32 -> ((float[]) data)[i] = (float) v;
      case F64 -> ((double[]) data)[i] = v;
      case I32 -> ((int[]) data)[i] = (int) v;
      case I64 -> ((long[]) data)[i] = (long) v;
      case BOOL -> ((boolean[]) data)[i] = v != 0.0;
      case BF16 -> ((short[]) data)[i] = HalfPrecision.floatToBf16((float) v);
      case F16 -> ((short[]) data)[i] = HalfPrecision.floatToF16((float) v);
      case I8 -> ((byte[]) data)[i] = (byte) saturate(v, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case U8 -> ((byte[]) data)[i] = (byte) saturate(v, 0, 0xff);
      case I16 -> ((short[]) data)[i] = (short) saturate(v, Short.MIN_VALUE, Short.MAX_VALUE);
      case U16 -> ((short[]) data)[i] = (short) saturate(v, 0, 0xffff);
      case U32 -> ((int[]) data)[i] = (int) saturate(v, 0, 0xffffffffL);
    }
  }

  /** {@code v} truncated toward zero into {@code [lo, hi]}; NaN is 0. */
  private static long saturate(double v, long lo, long hi) {
    return Math.max(lo, Math.min(hi, (long) v));
  }

  public void setLong(int i, long v) {
    switch (dtype) {
      case F32 -> ((float[]) data)[i] = (float) v;
      case F64 -> ((double[]) data)[i] = (double) v;
      case I32 -> ((int[]) data)[i] = (int) v;
      case I64 -> ((long[]) data)[i] = v;
      case BOOL -> ((boolean[]) data)[i] = v != 0L;
      case BF16 -> ((short[]) data)[i] = HalfPrecision.floatToBf16((float) v);
      case F16 -> ((short[]) data)[i] = HalfPrecision.floatToF16((float) v);
      // Integer narrowing keeps the low bits (two's complement wrap), as XLA's convert does.
      case I8, U8 -> ((byte[]) data)[i] = (byte) v;
      case I16, U16 -> ((short[]) data)[i] = (short) v;
      case U32 -> ((int[]) data)[i] = (int) v;
    }
  }

  /** Copies element {@code from} of {@code src} (same dtype) into element {@code to} of this storage. */
  public void copyElement(Storage src, int from, int to) {
    System.arraycopy(src.data, from, data, to, 1);
  }

  /** A copy converted to {@code target} with XLA's convert_element_type semantics. */
  public Storage convert(DType target) {
    if (dtype == target) return new Storage(dtype, shape, copyOfData());
    Storage out = allocate(target, shape);
    int n = length();
    if (dtype.isFloating()) {
      // setDouble casts: float to int saturates and maps NaN to 0 (Java's cast; XLA leaves it unspecified).
      for (int i = 0; i < n; i++) out.setDouble(i, getDouble(i));
    } else {
      // From an integer or bool source, cast the long directly so i64 -> f32 rounds once, not twice.
      for (int i = 0; i < n; i++) out.setLong(i, getLong(i));
    }
    return out;
  }

  public Storage reshape(Shape newShape) {
    return new Storage(dtype, newShape, data);
  }
}
