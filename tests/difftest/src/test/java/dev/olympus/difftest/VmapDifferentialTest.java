package dev.olympus.difftest;

import static org.junit.jupiter.api.Assertions.fail;

import dev.olympus.Array;
import dev.olympus.difftest.check.Checker;
import dev.olympus.difftest.check.Outcome;
import dev.olympus.difftest.program.Case;
import dev.olympus.difftest.program.Functions;
import dev.olympus.difftest.program.Input;
import dev.olympus.difftest.program.OlympusCalls;
import dev.olympus.difftest.program.Program;
import dev.olympus.difftest.program.ProgramGenerator;
import dev.olympus.difftest.program.Ty;
import dev.olympus.difftest.reference.Masks;
import dev.olympus.difftest.reference.RefArray;
import dev.olympus.difftest.reference.Reference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code Olympus.vmap} of random programs, with random in_axes (an inserted batch axis anywhere, or -1 for an
 * argument shared by the batch) and batch sizes 0 to 3. Eagerly, vmap must equal a Java loop over the batch bit for
 * bit: batching changes where the ops read, not what they compute (the eager reductions and contractions keep their
 * order per output element). Under jit the result is held to the reference, example by example.
 */
class VmapDifferentialTest {
  private static final java.util.concurrent.atomic.AtomicInteger PROGRAMS = new java.util.concurrent.atomic.AtomicInteger();
  private static final java.util.concurrent.atomic.AtomicLong ELEMENTS = new java.util.concurrent.atomic.AtomicLong();

  @TestFactory
  Stream<DynamicTest> randomVmaps() {
    long[] seeds = Settings.seeds("vmap", Settings.programs(300));
    return IntStream.range(0, seeds.length)
        .mapToObj(i -> DynamicTest.dynamicTest("vmap " + i + " (seed " + seeds[i] + ")", () -> check(seeds[i])));
  }

  @org.junit.jupiter.api.AfterAll
  static void summary() {
    System.out.println("[difftest] vmap: " + PROGRAMS + " programs, " + ELEMENTS + " elements compared bit for bit with the loop");
  }

  static void check(long seed) {
    Case c = ProgramGenerator.generate(seed, ProgramGenerator.Profile.GENERAL);
    PROGRAMS.incrementAndGet();
    String problems = problems(c, c.program(), seed, true);
    if (problems.isEmpty()) return;
    Program p = c.program();
    StringBuilder located = new StringBuilder();
    for (int v = p.inputs().size(); v < p.valueCount(); v++) {
      Program q = p.truncatedAt(v);
      String first = problems(c, q, seed, false);
      if (!first.isEmpty()) {
        located.append("value v").append(v).append(" : ").append(p.type(v)).append(", computed by the last line of\n")
            .append(q.toString().indent(2)).append(first.indent(2));
        break;
      }
    }
    fail(FailureReport.of(VmapDifferentialTest.class, c, problems, located.toString()));
  }

  /** What vmap of {@code p} (on {@code c}'s inputs and more examples) gets wrong; empty when nothing. */
  static String problems(Case c, Program p, long seed, boolean withIr) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    int batch = r.nextInt(12) == 0 ? 0 : 1 + r.nextInt(3);
    int n = p.inputs().size();
    int[] axes = new int[n];
    for (int i = 0; i < n; i++) axes[i] = r.nextInt(3) == 0 ? -1 : r.nextInt(p.type(i).rank() + 1);
    if (Arrays.stream(axes).allMatch(a -> a < 0)) axes[0] = 0;
    // Example b's inputs: the case's own for b == 0, fresh values of the same types after.
    List<List<Input>> examples = new ArrayList<>();
    for (int b = 0; b < batch; b++) examples.add(b == 0 ? c.inputs() : ProgramGenerator.otherInputs(c, seed + b));
    List<Array> batched = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = i;
      if (axes[i] < 0) {
        batched.add(c.inputs().get(i).toArray());
      } else if (batch == 0) {
        Ty empty = p.type(i).withShape(emptyBatch(p.type(i), axes[i]));
        batched.add((empty.isFloat() ? Input.floats(empty, new double[0]) : Input.ints(empty, new long[0])).toArray());
      } else {
        batched.add(Batches.stack(examples.stream().map(e -> e.get(k)).toList(), axes[i]).toArray());
      }
    }
    StringBuilder problems = new StringBuilder();
    // The loop: example b gets its own slice of every batched input and the shared unbatched ones.
    List<List<Array>> loop = new ArrayList<>();
    List<List<RefArray>> refs = new ArrayList<>();
    Masks masks = new Masks();
    for (int b = 0; b < batch; b++) {
      List<Array> args = new ArrayList<>();
      List<RefArray> refArgs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Input in = axes[i] < 0 ? c.inputs().get(i) : examples.get(b).get(i);
        args.add(in.toArray());
        refArgs.add(in.toRef());
      }
      loop.add(OlympusCalls.run(p, args));
      refs.add(new Reference(masks).run(p, refArgs));
    }
    Object fn = Functions.of(p);
    String axesText = "in_axes " + Arrays.toString(axes) + ", batch size " + batch;
    try {
      List<Array> got = Functions.callList(Functions.vmap(fn, axes), batched);
      problems.append(compareToLoop("[VMAP] ", got, loop, p, batch));
    } catch (RuntimeException | AssertionError e) {
      problems.append("[VMAP] threw ").append(FailureReport.stackTrace(e)).append('\n');
    }
    try {
      List<Array> got = Functions.callList(Functions.jit(Functions.vmap(fn, axes), n), batched);
      for (int k = 0; k < p.outputs().length; k++) {
        Ty one = p.outputTypes().get(k);
        List<RefArray> column = new ArrayList<>();
        for (List<RefArray> rb : refs) column.add(rb.get(k));
        Outcome o = Checker.check("output " + k, got.get(k), Batches.stackReferences(column, one));
        for (String s : o.problems()) problems.append("[JIT(VMAP)] ").append(s).append('\n');
      }
    } catch (RuntimeException | AssertionError e) {
      problems.append("[JIT(VMAP)] threw ").append(FailureReport.stackTrace(e)).append('\n');
    }
    if (problems.length() == 0) return "";
    String ir = "";
    if (withIr) {
      try {
        ir = "IR of vmap(f):\n" + Functions.makeIr(Functions.vmap(fn, axes), batched).toString().indent(2);
      } catch (RuntimeException e) {
        ir = "makeIr(vmap) threw " + e + "\n";
      }
    }
    return axesText + " (the first example's inputs are the program's)\n" + problems + ir;
  }

  private static int[] emptyBatch(Ty t, int axis) {
    int[] shape = new int[t.rank() + 1];
    for (int i = 0, k = 0; i < shape.length; i++) shape[i] = i == axis ? 0 : t.dim(k++);
    return shape;
  }

  private static String compareToLoop(String tag, List<Array> got, List<List<Array>> loop, Program p, int batch) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < p.outputs().length; k++) {
      Ty one = p.outputTypes().get(k);
      if (batch == 0) {
        Array g = got.get(k);
        Ty gt = new Ty(g.dtype(), g.shape(), g.weakType());
        int[] shape = new int[one.rank() + 1];
        System.arraycopy(one.shape(), 0, shape, 1, one.rank());
        Ty want = one.withShape(shape);
        if (!gt.equals(want)) sb.append(tag).append("output ").append(k).append(": type ").append(gt).append(", expected ").append(want).append('\n');
        continue;
      }
      List<Array> column = new ArrayList<>();
      for (List<Array> lb : loop) column.add(lb.get(k));
      Outcome o = Checker.same("output " + k + " against the loop over the batch", got.get(k), Batches.stackResults(column));
      ELEMENTS.addAndGet(o.comparedElements());
      for (String s : o.problems()) sb.append(tag).append(s).append('\n');
    }
    return sb.toString();
  }
}
