package dev.olympus.kernel;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.Olympus;
import dev.olympus.edge.EdgeExpectations;
import dev.olympus.edge.EdgeFunctions;
import dev.olympus.edge.EdgeTable;
import dev.olympus.edge.EdgeVerdict;
import dev.olympus.lowering.KernelPlan;
import dev.olympus.codegen.GeneratedKernels;
import dev.olympus.codegen.PlanSource;
import dev.olympus.fusion.NestLowering;
import dev.olympus.simd.VectorModule;
import dev.olympus.storage.Storage;
import dev.olympus.transform.Staging;
import dev.olympus.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The edge tables computed by JAX (the tracer's {@code dev/olympus/edge}, read from its test jar) under
 * {@code Olympus.jit} and through the Java source the one kernel compiler writes for the same plan (what
 * {@code Foo_Jit} kernels are), compiled by javac. Each binary function runs twice: on two columns, and with its
 * first operand a 0-d argument, one call per value of that column, which the nests hold as a per-row scalar.
 *
 * <p>Bounds are {@link EdgeExpectations}' plus, with the Vector API, {@link #SVML_ULPS} for the transcendental
 * strips.
 */
class EdgeValuesJitTest {
  /**
   * Extra ulps for the Vector API's transcendental operators (EXP, LOG, TANH, SIN, COS, EXPM1, LOG1P), which
   * C2 compiles to Intel SVML calls: SVML's float32 routines are documented to within 1 ulp of the exact
   * value, where Java's double-then-round is within half an ulp, so SIMD results may sit one ulp further
   * from JAX's than the scalar ones.
   */
  static final int SVML_ULPS = 1;

  /** How a path computes one function on given operands; built once per case, so compiles are shared. */
  private interface Path {
    Function<Array[], Array> prepare(EdgeFunctions.EdgeFunction f, Array[] example);
  }

  private static final Map<String, Path> PATHS = new LinkedHashMap<>();

  static {
    PATHS.put("Olympus.jit", (f, example) -> jit(f));
    PATHS.put("generated source", EdgeValuesJitTest::generated);
  }

  /**
   * Functions whose generated sources are compiled together: one javac run for a whole group (every function
   * of an arity on a dtype's columns, as one function with a result per member) instead of one per function.
   */
  private record GroupKey(int arity, DType dtype, List<Long> shape) {}

  private record Group(List<String> members, Function<Array[], Array[]> kernel, Array[] example) {}

  private static final Map<GroupKey, Group> GROUPS = new ConcurrentHashMap<>();
  private static final AtomicInteger UNITS = new AtomicInteger();

  private static Function<Array[], Array> generated(EdgeFunctions.EdgeFunction f, Array[] example) {
    DType dtype = example[example.length - 1].dtype();
    List<Long> shape = Arrays.stream(example).map(Array::size).toList();
    GroupKey key = new GroupKey(f.arity(), dtype, shape);
    Group g = GROUPS.computeIfAbsent(key, k -> group(k, example));
    int index = g.members().indexOf(f.name());
    if (index < 0) return alone(f, example);
    return a -> sameShapes(a, g.example()) ? g.kernel().apply(a)[index] : alone(f, a).apply(a);
  }

  private static Function<Array[], Array[]> compiled(Object fn, Array[] example) {
    KernelPlan plan = NestLowering.lower(Staging.makeIr(fn, (Object[]) example));
    String name = "edge" + UNITS.incrementAndGet();
    return GeneratedKernels.compile(name, PlanSource.unit(plan, name), example.length);
  }

  private static Function<Array[], Array> alone(EdgeFunctions.EdgeFunction f, Array[] example) {
    Function<Array[], Array[]> k = compiled(traceable(f), example);
    return a -> k.apply(a)[0];
  }

  private static Group group(GroupKey key, Array[] example) {
    List<EdgeFunctions.EdgeFunction> members = new ArrayList<>();
    for (String name : EdgeTable.functions()) {
      EdgeFunctions.EdgeFunction m = EdgeFunctions.get(name);
      if (m.arity() != key.arity()) continue;
      boolean accepted = EdgeTable.cases(name).stream().anyMatch(c -> c.dtype() == key.dtype() && !c.jaxRejects());
      if (accepted) members.add(m);
    }
    Function<Array[], List<Array>> all = a -> members.stream().map(m -> m.apply(a)).toList();
    Object fn = switch (key.arity()) {
      case 1 -> (Fn1<Array, List<Array>>) x -> all.apply(new Array[] {x});
      case 2 -> (Fn2<Array, Array, List<Array>>) (x, y) -> all.apply(new Array[] {x, y});
      default -> (Fn3<Array, Array, Array, List<Array>>) (x, y, z) -> all.apply(new Array[] {x, y, z});
    };
    return new Group(members.stream().map(EdgeFunctions.EdgeFunction::name).toList(), compiled(fn, example), example);
  }

  @SuppressWarnings("unchecked")
  private static Function<Array[], Array> jit(EdgeFunctions.EdgeFunction f) {
    return switch (f.arity()) {
      case 1 -> {
        Fn1<Array, Array> j = Olympus.jit((Fn1<Array, Array>) x -> f.apply(x));
        yield a -> j.apply(a[0]);
      }
      case 2 -> {
        Fn2<Array, Array, Array> j = Olympus.jit((Fn2<Array, Array, Array>) (x, y) -> f.apply(x, y));
        yield a -> j.apply(a[0], a[1]);
      }
      default -> {
        Fn3<Array, Array, Array, Array> j = Olympus.jit((Fn3<Array, Array, Array, Array>) (x, y, z) -> f.apply(x, y, z));
        yield a -> j.apply(a[0], a[1], a[2]);
      }
    };
  }

  private static Object traceable(EdgeFunctions.EdgeFunction f) {
    return switch (f.arity()) {
      case 1 -> (Fn1<Array, Array>) x -> f.apply(x);
      case 2 -> (Fn2<Array, Array, Array>) (x, y) -> f.apply(x, y);
      default -> (Fn3<Array, Array, Array, Array>) (x, y, z) -> f.apply(x, y, z);
    };
  }

  @TestFactory
  Stream<DynamicNode> jitAndGeneratedSourceMatchJax() {
    return EdgeTable.functions().stream().map(name -> {
      EdgeFunctions.EdgeFunction f = EdgeFunctions.get(name);
      List<DynamicNode> byDtype = new ArrayList<>();
      for (EdgeTable.Case c : EdgeTable.cases(name)) {
        List<DynamicNode> paths = new ArrayList<>();
        for (Map.Entry<String, Path> p : PATHS.entrySet()) {
          int ulps = EdgeExpectations.ulps(name, c.dtype()) + (VectorModule.ENABLED ? SVML_ULPS : 0);
          paths.add(DynamicTest.dynamicTest(p.getKey(), () -> check(c, f, p.getValue(), ulps, p.getKey())));
        }
        byDtype.add(DynamicContainer.dynamicContainer(c.dtype().shortName(), paths));
      }
      return DynamicContainer.dynamicContainer(name, byDtype);
    });
  }

  private static void check(EdgeTable.Case c, EdgeFunctions.EdgeFunction f, Path path, int ulps, String name) {
    if (c.jaxRejects()) {
      // Rejected while tracing, before any kernel exists: one call through the path's entry point.
      EdgeVerdict.assertAgrees(c, a -> path.prepare(f, a).apply(a), ulps, name);
      return;
    }
    Array[] columns = c.arrays();
    Function<Array[], Array> run = path.prepare(f, columns);
    EdgeVerdict.assertAgrees(c, a -> sameShapes(a, columns) ? run.apply(a) : path.prepare(f, a).apply(a), ulps,
        name);
    if (f.arity() == 2) {
      EdgeVerdict.assertAgrees(c, a -> scalarFirst(a, f, path), ulps, name + ", first operand 0-d");
    }
  }

  private static boolean sameShapes(Array[] a, Array[] b) {
    if (a.length != b.length) return false;
    for (int i = 0; i < a.length; i++) {
      if (!Arrays.equals(a[i].shape(), b[i].shape()) || a[i].dtype() != b[i].dtype()) return false;
    }
    return true;
  }

  /**
   * {@code f(x, y)} computed as {@code f(x[k], y where x == x[k])} for each distinct first operand: one kernel
   * with a 0-d first argument, called once per value. Values are grouped by bit pattern, so -0 and +0, and
   * NaNs, are separate groups.
   */
  private static Array scalarFirst(Array[] a, EdgeFunctions.EdgeFunction f, Path path) {
    Storage x = a[0].storage(), y = a[1].storage();
    int n = x.length();
    Map<Long, List<Integer>> groups = new LinkedHashMap<>();
    for (int k = 0; k < n; k++) groups.computeIfAbsent(bits(x, k), b -> new ArrayList<>()).add(k);
    Storage out = null;
    Function<Array[], Array> run = null;
    int groupSize = -1;
    for (List<Integer> rows : groups.values()) {
      Storage xs = Storage.allocate(x.dtype(), Shape.SCALAR);
      xs.copyElement(x, rows.get(0), 0);
      Storage ys = Storage.allocate(y.dtype(), Shape.of(rows.size()));
      for (int i = 0; i < rows.size(); i++) ys.copyElement(y, rows.get(i), i);
      Array[] args = {Array.fromStorage(xs, false), Array.fromStorage(ys, false)};
      if (run == null || rows.size() != groupSize) {
        run = path.prepare(f, args);
        groupSize = rows.size();
      }
      Storage r = run.apply(args).storage();
      if (out == null) out = Storage.allocate(r.dtype(), Shape.of(n));
      for (int i = 0; i < rows.size(); i++) out.copyElement(r, i, rows.get(i));
    }
    return Array.fromStorage(out, false);
  }

  private static long bits(Storage s, int k) {
    return switch (s.dtype()) {
      case F32 -> Float.floatToRawIntBits(s.f32()[k]);
      case F64 -> Double.doubleToRawLongBits(s.f64()[k]);
      default -> s.getLong(k);
    };
  }
}
