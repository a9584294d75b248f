package dev.olympus.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.transform.Staging;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every elementwise function of Jnp and Lax, on the edge values of every dtype, against JAX's results
 * ({@code src/test/resources/dev/olympus/edge}, made by {@code src/test/python/make_edge_values.py}):
 * computed eagerly, and by evaluating its traced IR. Bounds and named exceptions: {@link EdgeExpectations}.
 * The same tables are checked under {@code Olympus.jit} and on every kernel tier in the runtime module.
 */
class EdgeValuesTest {
  @Test
  void everyTabulatedFunctionIsMappedAndEveryMappedOneTabulated() {
    assertEquals(new TreeSet<>(EdgeFunctions.all().keySet()), new TreeSet<>(EdgeTable.functions()));
  }

  @TestFactory
  Stream<DynamicNode> eagerAndTracedMatchJax() {
    return EdgeTable.functions().stream().map(name -> {
      EdgeFunctions.EdgeFunction f = EdgeFunctions.get(name);
      List<DynamicNode> cases = EdgeTable.cases(name).stream().<DynamicNode>map(c -> DynamicTest.dynamicTest(
          c.dtype().shortName(), () -> {
            int ulps = EdgeExpectations.ulps(name, c.dtype());
            EdgeVerdict.assertAgrees(c, f::apply, ulps, "eager");
            EdgeVerdict.assertAgrees(c, args -> Staging.makeIr(traceable(f), (Object[]) args).call(List.of(args))
                .get(0), ulps, "traced IR, evaluated");
          })).toList();
      return DynamicContainer.dynamicContainer(name, cases);
    });
  }

  /** {@code f} as the functional interface of its arity, for tracing and jit. */
  public static Object traceable(EdgeFunctions.EdgeFunction f) {
    return switch (f.arity()) {
      case 1 -> (Fn1<Array, Array>) x -> f.apply(x);
      case 2 -> (Fn2<Array, Array, Array>) (x, y) -> f.apply(x, y);
      default -> (Fn3<Array, Array, Array, Array>) (x, y, z) -> f.apply(x, y, z);
    };
  }
}
