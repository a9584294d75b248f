package dev.olympus;

import dev.olympus.errors.ArgumentCheck;
import dev.olympus.errors.ConcretizationException;
import dev.olympus.errors.SourceLocation;
import dev.olympus.errors.TracerBoolConversionException;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import dev.olympus.storage.ArrayFormat;
import dev.olympus.storage.Storage;
import dev.olympus.trace.TraceStack;
import dev.olympus.trace.Tracer;
import dev.olympus.types.AbstractValue;

/**
 * An immutable n-dimensional array. Outside a trace it holds data and every operation runs eagerly; inside a
 * trace ({@code Olympus.jit}, {@code makeIr}, {@code grad}, ...) the same type stands for an abstract value
 * and operations are recorded or transformed. User code is written once against this class and {@link Jnp}.
 *
 * <p>{@link #dtype()}, {@link #shape()}, {@link #ndim()} and {@link #size()} are static attributes: Java
 * control flow may use them even while tracing. The value of a traced array is not known, so
 * {@link #bool()}, {@link #intValue()} and the copy-out methods throw on a tracer.
 */
public final class Array {
  private final Storage storage;
  private final boolean weak;
  private final Tracer tracer;

  private Array(Storage storage, boolean weak, Tracer tracer) {
    this.storage = storage;
    this.weak = weak;
    this.tracer = tracer;
  }

  /** Internal: a concrete array over {@code storage}, which must not be mutated afterwards. */
  public static Array fromStorage(Storage storage, boolean weak) {
    ArgumentCheck.nonNull("Array.fromStorage", "storage", storage, "pass the Storage to wrap (Storage.wrap or "
        + "Storage.allocate); users make arrays with Jnp.array, Jnp.zeros, ...");
    return new Array(storage, weak, null);
  }

  /** Internal: the user-facing face of a tracer. */
  public static Array fromTracer(Tracer tracer) {
    ArgumentCheck.nonNull("Array.fromTracer", "tracer", tracer, "pass the tracer a trace made");
    return new Array(null, false, tracer);
  }

  // ---- static attributes -------------------------------------------------------------------------------

  public AbstractValue aval() {
    return tracer != null ? tracer.aval() : new AbstractValue(storage.dtype(), storage.shape(), weak);
  }

  public DType dtype() { return tracer != null ? tracer.aval().dtype() : storage.dtype(); }

  public int[] shape() {
    if (tracer != null) {
      TraceStack.noteShapeRead();
      return tracer.aval().shape().dims();
    }
    return storage.shape().dims();
  }

  public int ndim() { return tracer != null ? tracer.aval().rank() : storage.shape().rank(); }

  public long size() {
    if (tracer != null) {
      TraceStack.noteShapeRead();
      return tracer.aval().shape().size();
    }
    return storage.shape().size();
  }

  /** Whether this value came from a Java literal and yields in type promotion (JAX's {@code weak_type}). */
  public boolean weakType() { return tracer != null ? tracer.aval().weak() : weak; }

  public boolean isTracer() { return tracer != null; }

  /** Internal: the tracer payload, or {@code null} for a concrete array. */
  public Tracer tracer() { return tracer; }

  /** Internal: the concrete data. Throws {@link ConcretizationException} on a tracer. */
  public Storage storage() { return concrete("storage()"); }

  /** The data, or a {@link ConcretizationException} naming {@code what} was asked of a tracer. */
  private Storage concrete(String what) {
    if (tracer != null) throw concretization(what);
    return storage;
  }

  // ---- elementwise arithmetic (NumPy broadcasting, JAX promotion) -----------------------------------------
  // A double operand is a weakly typed f32 literal and an int operand a weakly typed i32 literal, exactly as
  // Python float and int literals are in JAX: {@code intArray.add(1)} stays int32, {@code .add(1.0)} is f32.

  public Array add(Array y) { return Jnp.add(this, y); }

  public Array add(double y) { return Jnp.add(this, Jnp.literal(y)); }

  public Array add(int y) { return Jnp.add(this, Jnp.literal(y)); }

  public Array sub(Array y) { return Jnp.subtract(this, y); }

  public Array sub(double y) { return Jnp.subtract(this, Jnp.literal(y)); }

  public Array sub(int y) { return Jnp.subtract(this, Jnp.literal(y)); }

  public Array mul(Array y) { return Jnp.multiply(this, y); }

  public Array mul(double y) { return Jnp.multiply(this, Jnp.literal(y)); }

  public Array mul(int y) { return Jnp.multiply(this, Jnp.literal(y)); }

  public Array div(Array y) { return Jnp.divide(this, y); }

  public Array div(double y) { return Jnp.divide(this, Jnp.literal(y)); }

  public Array div(int y) { return Jnp.divide(this, Jnp.literal(y)); }

  public Array pow(Array y) { return Jnp.power(this, y); }

  public Array pow(double y) { return Jnp.power(this, y); }

  /** {@code x ** n} for an integer literal: JAX's {@code integer_pow}. */
  public Array pow(int y) { return Jnp.power(this, y); }

  public Array maximum(Array y) { return Jnp.maximum(this, y); }

  public Array maximum(double y) { return Jnp.maximum(this, Jnp.literal(y)); }

  public Array maximum(int y) { return Jnp.maximum(this, Jnp.literal(y)); }

  public Array minimum(Array y) { return Jnp.minimum(this, y); }

  public Array minimum(double y) { return Jnp.minimum(this, Jnp.literal(y)); }

  public Array minimum(int y) { return Jnp.minimum(this, Jnp.literal(y)); }

  public Array neg() { return Jnp.negative(this); }

  // ---- comparisons ---------------------------------------------------------------------------------------

  public Array gt(Array y) { return Jnp.greater(this, y); }

  public Array gt(double y) { return Jnp.greater(this, Jnp.literal(y)); }

  public Array gt(int y) { return Jnp.greater(this, Jnp.literal(y)); }

  public Array lt(Array y) { return Jnp.less(this, y); }

  public Array lt(double y) { return Jnp.less(this, Jnp.literal(y)); }

  public Array lt(int y) { return Jnp.less(this, Jnp.literal(y)); }

  public Array ge(Array y) { return Jnp.greaterEqual(this, y); }

  public Array ge(double y) { return Jnp.greaterEqual(this, Jnp.literal(y)); }

  public Array ge(int y) { return Jnp.greaterEqual(this, Jnp.literal(y)); }

  public Array le(Array y) { return Jnp.lessEqual(this, y); }

  public Array le(double y) { return Jnp.lessEqual(this, Jnp.literal(y)); }

  public Array le(int y) { return Jnp.lessEqual(this, Jnp.literal(y)); }

  public Array eq(Array y) { return Jnp.equal(this, y); }

  public Array eq(double y) { return Jnp.equal(this, Jnp.literal(y)); }

  public Array eq(int y) { return Jnp.equal(this, Jnp.literal(y)); }

  public Array ne(Array y) { return Jnp.notEqual(this, y); }

  public Array ne(double y) { return Jnp.notEqual(this, Jnp.literal(y)); }

  public Array ne(int y) { return Jnp.notEqual(this, Jnp.literal(y)); }

  // ---- shape ---------------------------------------------------------------------------------------------

  public Array reshape(int... shape) { return Jnp.reshape(this, shape); }

  public Array transpose(int... axes) { return Jnp.transpose(this, axes); }

  /** Reverses the axes, like NumPy's {@code .T}. */
  public Array T() { return Jnp.transpose(this); }

  public Array astype(DType dtype) { return Jnp.astype(this, dtype); }

  // ---- reductions (conveniences, as on jax.Array) --------------------------------------------------------

  // Elementwise math and products as methods, as jax.Array has them (x.exp() is not a jax.Array method, but
  // jnp.exp(x) reads as x.exp() in Java).

  /**
   * {@code x[i]}: element or row {@code i} along axis 0 (negative counts from the end), without that axis; a
   * static slice, as JAX stages {@code x[0]} ({@code keys.get(1)} is the second of {@code Random.split}'s keys).
   */
  public Array get(int i) {
    int[] shape = shape();
    if (shape.length == 0) {
      throw ArgumentCheck.invalid("Array.get", "i", "indexes a 0-d array, which has no rows",
          "use the 0-d array as it is");
    }
    int n = shape[0], k = i < 0 ? i + n : i;
    if (k < 0 || k >= n) {
      throw ArgumentCheck.invalid("Array.get", "i", "is " + i + ", outside axis 0 of size " + n,
          "pass an index in [-" + n + ", " + n + ")");
    }
    int[] start = new int[shape.length], limit = shape.clone(), strides = new int[shape.length];
    java.util.Arrays.fill(strides, 1);
    start[0] = k;
    limit[0] = k + 1;
    return Lax.squeeze(Lax.slice(this, start, limit, strides), 0);
  }

  /** {@code x.at[indices]}: read or functionally update the rows at {@code indices} (see {@link dev.olympus.numpy.IndexUpdate}). */
  public dev.olympus.numpy.IndexUpdate at(Array indices) { return new dev.olympus.numpy.IndexUpdate(this, indices); }

  public Array exp() { return Jnp.exp(this); }

  public Array log() { return Jnp.log(this); }

  public Array sin() { return Jnp.sin(this); }

  public Array cos() { return Jnp.cos(this); }

  public Array tanh() { return Jnp.tanh(this); }

  public Array sqrt() { return Jnp.sqrt(this); }

  public Array abs() { return Jnp.abs(this); }

  public Array square() { return Jnp.square(this); }

  /** {@code x @ b}: {@code Jnp.matmul(this, b)}. */
  public Array matmul(Array b) { return Jnp.matmul(this, b); }

  /** {@code x.argmax(axis)}, as {@code jax.Array.argmax}. */
  public Array argmax(int axis) { return Jnp.argmax(this, axis); }

  /** {@code x.argmin(axis)}, as {@code jax.Array.argmin}. */
  public Array argmin(int axis) { return Jnp.argmin(this, axis); }

  /** {@code x.var(axes)}, as {@code jax.Array.var}. */
  public Array var(int... axes) { return Jnp.var(this, axes); }

  /** {@code x.std(axes)}, as {@code jax.Array.std}. */
  public Array std(int... axes) { return Jnp.std(this, axes); }

  public Array sum(int... axes) { return Jnp.sum(this, axes); }

  public Array mean(int... axes) { return Jnp.mean(this, axes); }

  public Array max(int... axes) { return Jnp.max(this, axes); }

  public Array min(int... axes) { return Jnp.min(this, axes); }

  // ---- concretization ------------------------------------------------------------------------------------

  /** The truth value of a one-element array. On a tracer: {@link TracerBoolConversionException}. */
  public boolean bool() {
    if (tracer != null) {
      throw new TracerBoolConversionException(
          "Attempted boolean conversion of traced array with shape " + tracer.aval() + ".\n" + context()
              + "Fix: a value-dependent branch cannot be traced. Mark the argument static "
              + "(JitOptions.staticArgnums / @Jit(staticArgs = ...)), branch on traced values with "
              + "Lax.cond / Lax.whileLoop, or select elementwise with Jnp.where."
              + SourceLocation.suffix());
    }
    return singleElement("bool()").getBool(0);
  }

  /** The single element as an int; a float is truncated toward zero and saturates, like a Java cast. */
  public int intValue() {
    Storage s = singleElement("intValue()");
    return s.dtype().isFloating() ? (int) s.getDouble(0) : (int) s.getLong(0);
  }

  public long longValue() { return singleElement("longValue()").getLong(0); }

  public float floatValue() { return (float) singleElement("floatValue()").getDouble(0); }

  public double doubleValue() { return singleElement("doubleValue()").getDouble(0); }

  /** Copies the elements out in row-major order, converted to float. */
  public float[] toFloatArray() { return concrete("toFloatArray()").convert(DType.F32).f32(); }

  public double[] toDoubleArray() { return concrete("toDoubleArray()").convert(DType.F64).f64(); }

  public int[] toIntArray() { return concrete("toIntArray()").convert(DType.I32).i32(); }

  public long[] toLongArray() { return concrete("toLongArray()").convert(DType.I64).i64(); }

  public boolean[] toBoolArray() { return concrete("toBoolArray()").convert(DType.BOOL).bool(); }

  /** Olympus computes synchronously, so this returns at once; kept for JAX parity in timing code. */
  public Array blockUntilReady() { return this; }

  private Storage singleElement(String what) {
    Storage s = concrete(what);
    if (s.length() != 1) {
      throw new ConcretizationException(
          "Only a one-element array has a single value: " + what + " was called on an array of shape "
              + aval() + " with " + s.length() + " elements. Select or reduce it first, e.g. with Jnp.any/Jnp.all, "
              + "sum() or max()." + SourceLocation.suffix());
    }
    return s;
  }

  private ConcretizationException concretization(String what) {
    return new ConcretizationException(
        "Abstract tracer value encountered where a concrete value is expected: " + what + " was called on "
            + tracer + ".\n" + context() + "Fix: the value is only known when the compiled code runs. If Java "
            + "needs it while tracing, pass it as a static argument (JitOptions.staticArgnums / "
            + "@Jit(staticArgs = ...)); otherwise keep the computation in Olympus ops (Jnp.where, Lax.cond), "
            + "or use Olympus.debugPrint to see the value at run time." + SourceLocation.suffix());
  }

  private String context() {
    String deps = tracer.dependsOn();
    return "The error occurred while tracing (" + tracer.trace().description() + "). "
        + (deps == null ? "" : "This concrete value was not available in Java because it depends on the value of "
            + deps + ". ")
        + "\n";
  }

  @Override
  public String toString() {
    return tracer != null ? tracer.toString() : ArrayFormat.repr(storage, weak);
  }
}
