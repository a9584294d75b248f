package dev.olympus.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.callback.Callbacks;
import dev.olympus.debug.Debug;
import dev.olympus.errors.AllocationException;
import dev.olympus.errors.InvalidArgumentException;
import dev.olympus.errors.OlympusException;
import dev.olympus.errors.ShapeException;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import dev.olympus.pytree.PyTree;
import dev.olympus.transform.Staging;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The argument errors a user meets, one by one: each names the method, the parameter and its value, says how to
 * fix it, and points at the line here that made the call (this package is user code to Olympus). The reflective
 * tests ({@link NullArgumentsTest}, {@link BadArgumentsFuzzTest}) hold every method to the same; these pin the
 * messages of the cases the fuzz run found.
 */
class ArgumentErrorsTest {
  private static int nextLine() {
    return new Throwable().getStackTrace()[1].getLineNumber() + 1;
  }

  private static String at(int line) {
    return "ArgumentErrorsTest.java:" + line + ")";
  }

  private static <T extends Throwable> String message(Class<T> type, Executable body) {
    return assertThrows(type, body).getMessage();
  }

  private static void assertContains(String message, String... parts) {
    for (String p : parts) assertTrue(message.contains(p), "missing \"" + p + "\" in:\n" + message);
  }

  private static final Array X = Jnp.array(1f, 2f);

  // ---- null and wrong types ------------------------------------------------------------------------------

  @Test
  void nullArrayNamesTheParameter() {
    int line = nextLine();
    String m = message(InvalidArgumentException.class, () -> Jnp.promote(X, null));
    // The NullPointerException the fuzz run found said "because xs[0] is null", from inside promote.
    assertContains(m, "Jnp.promote: argument xs[1] is null. Fix: pass an Array", at(line));
    line = nextLine();
    m = message(InvalidArgumentException.class, () -> X.add((Array) null));
    assertContains(m, "Jnp.add: argument y is null", at(line));
    m = message(InvalidArgumentException.class, () -> Jnp.zeros(null, 2));
    assertContains(m, "Jnp.zeros: argument dtype is null. Fix: pass a DType, e.g. DType.F32");
    m = message(InvalidArgumentException.class, () -> Lax.cond(Jnp.scalar(true), null, x -> x, X));
    assertContains(m, "Lax.cond: argument ifTrue is null. Fix: pass a function");
  }

  @Test
  void aListOfNonArraysIsReportedNotCast() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    List<Array> raw = (List) List.of(X, "a");
    int line = nextLine();
    String m = message(InvalidArgumentException.class, () -> Jnp.concatenate(raw, 0));
    assertContains(m, "Jnp.concatenate: argument xs.get(1) is a java.lang.String (\"a\"), not an Array",
        "the list must hold only Arrays", at(line));
    @SuppressWarnings({"unchecked", "rawtypes"})
    List<Fn1<Array, Array>> branches = (List) List.of((Fn1<Array, Array>) x -> x, 42);
    m = message(InvalidArgumentException.class, () -> Lax.switchCase(Jnp.scalar(0), branches, X));
    assertContains(m, "Lax.switchCase: argument branches.get(1) is a java.lang.Integer (42), not a function (Fn1)");
  }

  @Test
  void functionsReturningTheWrongTypeAreReportedNotCast() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    dev.olympus.Fn2<Array, Object, Lax.Carry<Array, Array>> body = (dev.olympus.Fn2) (c, x) -> "not a carry";
    String m = message(ShapeException.class, () -> Lax.scan(body, Jnp.scalar(0f), X));
    assertContains(m, "Lax.scan: the body returned a java.lang.String (\"not a carry\"); return Lax.carry(newCarry, y)");

    @SuppressWarnings({"unchecked", "rawtypes"})
    Function<List<Array>, Array> callback = (Function) (Function<List<Array>, Object>) args -> "a string";
    m = message(ShapeException.class, () -> Callbacks.pureCallback(callback, AbstractValue.of(DType.F32, 2), X));
    assertContains(m, "returned a java.lang.String (\"a string\"), not an Array");

    m = message(InvalidArgumentException.class, () -> PyTree.map(List.of(X), a -> null));
    assertContains(m, "PyTree.map: argument f returned null for the leaf f32[2]");
  }

  /**
   * A record component that is not an Array is static structure of the tree (as a Python scalar field would be a
   * leaf in JAX, Olympus keeps it as it is and traces only the Arrays).
   */
  @Test
  void aRecordWithANonArrayComponentKeepsItAsStructure() {
    ApiArguments.Labelled in = new ApiArguments.Labelled(X, "w");
    PyTree.Flat flat = PyTree.flatten(in);
    assertEquals(1, flat.leaves().size());
    ApiArguments.Labelled out = (ApiArguments.Labelled) PyTree.unflatten(flat.tree(), List.of(Jnp.array(3f, 4f)));
    assertEquals("w", out.label());
    String m = message(InvalidArgumentException.class, () -> PyTree.unflatten(flat.tree(), List.of(X, X)));
    assertContains(m, "PyTree.unflatten: argument leaves holds 2 arrays, but the structure", "needs 1");
  }

  // ---- sizes -----------------------------------------------------------------------------------------------

  @Test
  void aShapeLargerThanAnyArrayNamesTheShape() {
    // This was ArithmeticException: integer overflow, naming no shape.
    int line = nextLine();
    String m = message(ShapeException.class, () -> Jnp.zeros(DType.F32, 65536, 65536));
    assertContains(m, "Jnp.zeros: shape (65536, 65536) has 4294967296 elements, more than the 2147483639 an array "
        + "can hold", "Fix: use smaller dimensions", at(line));
    // This was an OutOfMemoryError ("Requested array size exceeds VM limit").
    m = message(ShapeException.class, () -> Jnp.ones(DType.BOOL, Integer.MAX_VALUE));
    assertContains(m, "Jnp.ones: shape (2147483647,) has 2147483647 elements");
    // A product past a long is counted exactly, not wrapped.
    m = message(ShapeException.class, () -> Jnp.full(DType.F32, 1, 1 << 30, 1 << 30, 1 << 30, 1 << 30));
    assertContains(m, "has 1329227995784915872903807060280344576 elements");
    // A zero dimension makes any shape empty, and empty arrays are fine.
    assertEquals(0, Jnp.zeros(DType.F32, 65536, 0, 65536).size());
  }

  @Test
  void negativeDimensionsAndCounts() {
    int line = nextLine();
    String m = message(ShapeException.class, () -> Jnp.zeros(DType.F32, 2, -3));
    assertContains(m, "Jnp.zeros: shape (2, -3) has the negative dimension -3 at axis 1. Fix: a dimension is a size, "
        + "0 or more", at(line));
    m = message(ShapeException.class, () -> Jnp.arange(-1));
    assertContains(m, "Jnp.arange: argument n is -1, but a length must be 0 or more. Fix:");
    m = message(ShapeException.class, () -> Jnp.eye(DType.F32, -2));
    assertContains(m, "Jnp.eye: argument n is -2");
    m = message(ShapeException.class, () -> Jnp.linspace(0, 1, -5));
    assertContains(m, "Jnp.linspace: argument num is -5");
    m = message(ShapeException.class, () -> Lax.iota(DType.I32, new int[] {-1}, 0));
    assertContains(m, "Lax.iota: shape (-1,) has the negative dimension -1");
  }

  @Test
  void countsPastAnIntAreNamedNotWrapped() {
    String m = message(ShapeException.class, () -> Jnp.arange(Integer.MIN_VALUE, Integer.MAX_VALUE, 1));
    assertContains(m, "Jnp.arange: argument step is 1, which from start -2147483648 to stop 2147483647 makes "
        + "4294967295 values");
    m = message(InvalidArgumentException.class, () -> Lax.foriLoop(Integer.MIN_VALUE, Integer.MAX_VALUE,
        (i, s) -> s, X));
    assertContains(m, "Lax.foriLoop: argument upper is 2147483647, and with lower -2147483648 the loop would run "
        + "4294967295 times");
  }

  /** Under a trace no data is allocated: the shape rules themselves must refuse, naming the primitive. */
  @Test
  void shapeRulesReportOverflowWhileTracing() {
    int line = nextLine();
    Fn1<Array, Array> broadcast = x -> Jnp.broadcastTo(x, 65536, 65536);
    String m = message(ShapeException.class, () -> Staging.makeIr(broadcast, Jnp.scalar(1f)));
    assertContains(m, "Jnp.broadcastTo: shape (65536, 65536) has 4294967296 elements", at(line));

    line = nextLine();
    Fn1<Array, Array> inDim = x -> Lax.broadcastInDim(x, new int[] {65536, 65536}, new int[0]);
    m = message(ShapeException.class, () -> Staging.makeIr(inDim, Jnp.scalar(1f)));
    assertContains(m, "broadcast_in_dim: shape (65536, 65536) has 4294967296 elements", at(line));

    Fn1<Array, Array> iota = x -> x.add(Lax.iota(DType.F32, new int[] {65536, 65536}, 0));
    m = message(ShapeException.class, () -> Staging.makeIr(iota, Jnp.scalar(1f)));
    assertContains(m, "Lax.iota: shape (65536, 65536) has 4294967296 elements");

    // Sizes that only a shape rule computes: the sum of two large axes, a scan's stacked results.
    AbstractValue big = AbstractValue.of(DType.F32, 2_000_000_000);
    m = message(ShapeException.class, () -> Staging.traceFlat("concat", List.of(big, big), null,
        xs -> List.of(Lax.concatenate(xs, 0))));
    assertContains(m, "concatenate: dimension 0 of the result would be 4000000000, more than the 2147483639");
    AbstractValue row = AbstractValue.of(DType.F32, 100_000);
    m = message(ShapeException.class, () -> Staging.traceFlat("scan", List.of(row), null,
        xs -> List.of(Lax.scan((c, unused) -> Lax.carry(c, c), xs.get(0), 100_000).y())));
    assertContains(m, "scan: the stacked ys (length 100000 times f32[100000]) (100000, 100000) has 10000000000 elements");
  }

  @Test
  void axesOutOfRange() {
    int line = nextLine();
    String m = message(ShapeException.class, () -> Lax.concatenate(List.of(X, X), -1));
    assertContains(m, "concatenate: dimension -1 is out of bounds for an array of rank 1 (valid are 0 .. 0",
        "does not count negative axes", at(line));
    m = message(ShapeException.class, () -> Jnp.sum(X, 3));
    assertContains(m, "sum: axis 3 is out of bounds for an array of rank 1");
    m = message(ShapeException.class, () -> Lax.pad(X, Jnp.scalar(0f), new int[] {1}, new int[0], new int[] {0}));
    assertContains(m, "pad: padding_config", "needs one (low, high, interior) entry per dimension");
  }

  @Test
  void aFormatFieldPastAnyArgument() {
    String m = message(OlympusException.class, () -> Debug.print("{99999999999}", X));
    assertContains(m, "refers to argument 2147483647");
  }

  // ---- allocation ----------------------------------------------------------------------------------------

  /** A size every Java array can have, whose bytes are more than the whole heap: refused before {@code new}. */
  @Test
  void moreBytesThanTheHeapIsRefusedBeforeAllocating() {
    long bytes = Shape.MAX_SIZE * 8;
    assumeTrue(Runtime.getRuntime().maxMemory() < bytes, "this JVM's heap could hold 16 GiB");
    int line = nextLine();
    String m = message(AllocationException.class, () -> Jnp.zeros(DType.I64, (int) Shape.MAX_SIZE));
    assertContains(m, "cannot allocate a i64 array of shape (2147483639,): it needs 17179869112 bytes (16.0 GiB) but "
        + "the whole Java heap is", "-Xmx", at(line));
  }

  /** Fills most of a small heap, then asks for more than is left: the JVM's OutOfMemoryError, reported. */
  public static void main(String[] args) {
    List<Array> kept = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) kept.add(Jnp.zeros(DType.F32, 4_000_000));
      System.out.println("no error after " + kept.size() + " arrays");
    } catch (AllocationException e) {
      System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
      System.out.println("cause: " + e.getCause());
    }
  }

  @Test
  void anOutOfMemoryErrorBecomesAnAllocationException() throws Exception {
    // A child JVM with a 64 MiB heap, so this test never strains the build's heap.
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
        ArgumentErrorsTest.class.getName()).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.getInputStream().transferTo(out);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String text = out.toString();
    assertContains(text, "AllocationException: cannot allocate a f32 array of shape (4000000,): it needs 16000000 "
        + "bytes (15.3 MiB) and the Java heap", "has no room for it", "-Xmx", "cause: java.lang.OutOfMemoryError",
        "ArgumentErrorsTest.main(ArgumentErrorsTest.java:");
    assertEquals(0, p.exitValue(), text);
  }
}
