package dev.olympus.edge;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.storage.Storage;
import dev.olympus.types.Shape;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The edge-value tables computed by JAX ({@code src/test/python/make_edge_values.py}, stored in
 * {@code src/test/resources/dev/olympus/edge}): for each function and operand dtype, the operands as columns
 * and JAX's results, or the error JAX raised for that dtype. Other modules read the same files from this
 * module's test jar, so there is one copy of the data.
 */
public final class EdgeTable {
  private EdgeTable() {}

  private static final String DIR = "/dev/olympus/edge/";

  /**
   * One function on one operand dtype: the operand columns (row {@code k} of every column is one input), and
   * JAX's result column, or {@code jaxError} when JAX rejects the dtype.
   */
  public record Case(String function, DType dtype, List<Storage> operands, DType resultDtype, Storage expected,
      String jaxError) {
    public boolean jaxRejects() { return jaxError != null; }

    public int rows() { return expected == null ? 0 : expected.length(); }

    /** The operands as strongly typed arrays. */
    public Array[] arrays() {
      Array[] a = new Array[operands.size()];
      for (int i = 0; i < a.length; i++) a[i] = Array.fromStorage(operands.get(i), false);
      return a;
    }

    /** The case on the given rows only. */
    public Case select(List<Integer> rows) {
      List<Storage> ops = new ArrayList<>();
      for (Storage s : operands) ops.add(pick(s, rows));
      return new Case(function, dtype, ops, resultDtype, pick(expected, rows), jaxError);
    }

    private static Storage pick(Storage s, List<Integer> rows) {
      Storage out = Storage.allocate(s.dtype(), Shape.of(rows.size()));
      for (int i = 0; i < rows.size(); i++) out.copyElement(s, rows.get(i), i);
      return out;
    }

    /** Row {@code k}'s operands, readable (floats with their bits), for failure messages. */
    public String describeRow(int k) {
      List<String> xs = new ArrayList<>();
      for (Storage s : operands) xs.add(describe(s, k));
      return function + "(" + String.join(", ", xs) + ")";
    }

    @Override
    public String toString() { return function + " on " + dtype; }
  }

  /** Every function the tables hold, as the generator listed them. */
  public static List<String> functions() {
    List<String> out = new ArrayList<>();
    for (String line : lines("functions.txt")) out.add(line);
    return out;
  }

  /** The cases of {@code function} (e.g. {@code jnp.power} or {@code lax.integerPow[3]}), one per dtype. */
  public static List<Case> cases(String function) {
    int bracket = function.indexOf('[');
    String file = (bracket < 0 ? function : function.substring(0, bracket)) + ".tsv";
    Map<DType, List<String[]>> byDtype = new LinkedHashMap<>();
    Map<DType, String> errors = new LinkedHashMap<>();
    for (String line : lines(file)) {
      String[] f = line.split("\t", -1);
      if (!f[0].equals(function)) continue;
      DType d = dtype(f[1]);
      if (f[2].equals("error")) {
        errors.put(d, f[3]);
      } else {
        byDtype.computeIfAbsent(d, k -> new ArrayList<>()).add(f);
      }
    }
    List<Case> out = new ArrayList<>();
    for (Map.Entry<DType, String> e : errors.entrySet()) {
      out.add(new Case(function, e.getKey(), List.of(), null, null, e.getValue()));
    }
    for (Map.Entry<DType, List<String[]>> e : byDtype.entrySet()) {
      List<String[]> rows = e.getValue();
      int width = rows.get(0).length;
      int arity = width - 4;
      DType resultDtype = dtype(rows.get(0)[width - 2]);
      Shape shape = Shape.of(rows.size());
      List<Storage> operands = new ArrayList<>();
      for (int c = 0; c < arity; c++) {
        // A select's predicate column is bool whatever the operand dtype.
        DType colType = rows.get(0)[2 + c].equals("true") || rows.get(0)[2 + c].equals("false") ? DType.BOOL
            : e.getKey();
        Storage s = Storage.allocate(colType, shape);
        for (int k = 0; k < rows.size(); k++) set(s, k, rows.get(k)[2 + c]);
        operands.add(s);
      }
      Storage expected = Storage.allocate(resultDtype, shape);
      for (int k = 0; k < rows.size(); k++) set(expected, k, rows.get(k)[width - 1]);
      out.add(new Case(function, e.getKey(), operands, resultDtype, expected, null));
    }
    if (out.isEmpty()) throw new AssertionError("no rows for " + function + " in " + file);
    return out;
  }

  private static DType dtype(String name) {
    for (DType d : DType.values()) if (d.shortName().equals(name)) return d;
    throw new AssertionError("unknown dtype in the edge tables: " + name);
  }

  private static void set(Storage s, int k, String v) {
    switch (s.dtype()) {
      case F32 -> s.f32()[k] = Float.intBitsToFloat(Integer.parseUnsignedInt(v.substring(2), 16));
      case F64 -> s.f64()[k] = Double.longBitsToDouble(Long.parseUnsignedLong(v.substring(2), 16));
      case I32 -> s.i32()[k] = Integer.parseInt(v);
      case I64 -> s.i64()[k] = Long.parseLong(v);
      case BOOL -> s.bool()[k] = Boolean.parseBoolean(v);
      default -> throw new IllegalArgumentException("the edge table has no " + s.dtype() + " cases");
    }
  }

  /** Element {@code k} for a message: the value, and for floats its bit pattern. */
  public static String describe(Storage s, int k) {
    return switch (s.dtype()) {
      case F32 -> s.f32()[k] + " (0x" + String.format("%08x", Float.floatToRawIntBits(s.f32()[k])) + ")";
      case F64 -> s.f64()[k] + " (0x" + String.format("%016x", Double.doubleToRawLongBits(s.f64()[k])) + ")";
      case I32 -> Integer.toString(s.i32()[k]);
      case I64 -> Long.toString(s.i64()[k]);
      case BOOL -> Boolean.toString(s.bool()[k]);
      default -> Double.toString(s.getDouble(k));
    };
  }

  private static final Map<String, List<String>> FILES = new java.util.concurrent.ConcurrentHashMap<>();

  private static List<String> lines(String file) {
    return FILES.computeIfAbsent(file, EdgeTable::read);
  }

  private static List<String> read(String file) {
    InputStream in = EdgeTable.class.getResourceAsStream(DIR + file);
    if (in == null) throw new AssertionError("missing edge table " + DIR + file + "; run make_edge_values.py");
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isEmpty() && !line.startsWith("#")) out.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
