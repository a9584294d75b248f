package dev.olympus.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.codegen.GeneratedKernels;
import dev.olympus.codegen.PlanSource;
import dev.olympus.fusion.NestLowering;
import dev.olympus.ir.ClosedIr;
import dev.olympus.numpy.Jnp;
import dev.olympus.lax.Lax;
import dev.olympus.lowering.KernelPlan;
import dev.olympus.simd.VectorModule;
import dev.olympus.storage.Storage;
import dev.olympus.transform.Staging;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every case of {@link NestLoweringLayoutTest} once more through the Java the one kernel compiler writes
 * ({@link PlanSource}, what {@code Foo_Jit} kernels are): compiled by javac and run, it must give the run-time
 * kernel's results bit for bit (see {@link #sameFloat}), in every layout and dtype, zero-size operands and
 * product epilogues included.
 * The run-time kernel interprets the same schedule the source was written from, so any difference is a bug
 * in one of the two.
 */
class GeneratedSourceLayoutTest extends NestLoweringLayoutTest {
  private static final AtomicInteger UNITS = new AtomicInteger();

  @Override
  void check(Object fn, Array... args) {
    ClosedIr ir = Staging.makeIr(fn, (Object[]) args);
    KernelPlan plan = NestLowering.lower(ir);
    assertEquals(null, PlanSource.unrenderable(plan), ir.toString());
    Array[] runtime = new PlanExecutable(plan, "layout", true).run(args);
    String name = "layout" + UNITS.incrementAndGet();
    String source = PlanSource.unit(plan, name);
    Array[] generated = GeneratedKernels.run(name, source, args);
    assertEquals(runtime.length, generated.length);
    for (int i = 0; i < runtime.length; i++) {
      Storage want = runtime[i].storage(), got = generated[i].storage();
      assertEquals(want.dtype(), got.dtype());
      assertEquals(want.shape(), got.shape(), "shape of result " + i);
      for (int k = 0; k < want.length(); k++) {
        boolean same = want.dtype() == DType.BOOL ? want.getBool(k) == got.getBool(k)
            : want.dtype().isFloating() ? sameFloat(want.getDouble(k), got.getDouble(k), want.dtype())
            : want.getLong(k) == got.getLong(k);
        assertTrue(same, "result " + i + " element " + k + ": run-time kernel " + want.getDouble(k)
            + ", generated source " + got.getDouble(k) + "\n" + ir + "\n" + source);
      }
    }
  }

  /**
   * Bit for bit, except that with the Vector API a transcendental strip is Java's Math per lane until C2
   * compiles it and SVML's (within 1 ulp) after, so two runs of the same calls may straddle that point.
   */
  private static boolean sameFloat(double want, double got, DType d) {
    if (Double.doubleToLongBits(want) == Double.doubleToLongBits(got)) return true;
    if (!VectorModule.ENABLED || Double.isNaN(want) || Double.isInfinite(want)) return false;
    // An ulp of exp moves a cancelling difference (exp(x) * a - a) by an ulp of a, not of the result.
    double scale = Math.max(Math.abs(want), 2);
    double ulp = d == DType.F32 ? Math.ulp((float) scale) : Math.ulp(scale);
    return Math.abs(want - got) <= 4 * ulp;
  }

  /**
   * {@code fori_loop}, {@code while_loop}, {@code cond} and {@code scan} with stacked outputs: each body or
   * branch is a kernel of its own, run by the primitive's own loop, so the source computes what the run-time
   * kernel (which runs the same loops over compiled bodies) does.
   */
  @Test
  void controlFlowBodiesAreKernelsOfTheirOwn() {
    Random r = new Random(9);
    Array x = random(r, DType.F32, 3, 5);
    check((Fn1<Array, Array>) v -> Lax.foriLoop(0, 4, (i, c) -> c.mul(0.5).add(i.astype(DType.F32)), v), x);
    check((Fn1<Array, Array>) v -> Lax.whileLoop(c -> Jnp.sum(c).lt(100), c -> c.add(1).mul(1.5), v), x);
    check((Fn1<Array, Array>) v -> Lax.cond(Jnp.sum(v).gt(0), a -> Jnp.exp(a), a -> a.neg(), v), x);
    check((Fn1<Array, Array>) v -> {
      Lax.Carry<Array, Array> out = Lax.scan((c, row) -> new Lax.Carry<>(c.add(row), Jnp.tanh(c.mul(row))),
          Jnp.zerosLike(v.sum(0)), v);
      return out.y().sum(1).add(out.carry().sum());
    }, x);
  }

  /** A long row of an elementwise map is split into column blocks over the cores, as the run-time kernel does. */
  @Test
  void longRowSplitIntoBlocks() {
    Random r = new Random(3);
    check((Fn1<Array, Array>) x -> x.mul(x).add(x), random(r, DType.F32, 300_000));
  }
}
