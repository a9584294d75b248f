package dev.olympus.difftest;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.olympus.Array;
import dev.olympus.difftest.check.Checker;
import dev.olympus.difftest.check.Outcome;
import dev.olympus.difftest.program.Case;
import dev.olympus.difftest.program.OlympusCalls;
import dev.olympus.difftest.program.Program;
import dev.olympus.difftest.program.ProgramGenerator;
import dev.olympus.difftest.reference.Masks;
import dev.olympus.difftest.reference.RefArray;
import dev.olympus.difftest.reference.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Random programs over the whole op surface, run eagerly, under {@code Olympus.jit} and on each kernel tier, every
 * result held to the independent reference ({@link Reference}). A failure prints the seed, the program as Java,
 * its inputs and IR, and the first node whose value is wrong.
 */
class EagerJitDifferentialTest {
  private static final Stats STATS = new Stats();

  @TestFactory
  Stream<DynamicTest> randomPrograms() {
    long[] seeds = Settings.seeds("eager-jit", Settings.programs(400));
    return IntStream.range(0, seeds.length)
        .mapToObj(i -> DynamicTest.dynamicTest("program " + i + " (seed " + seeds[i] + ")", () -> check(i, seeds[i])));
  }

  @AfterAll
  static void summary() {
    System.out.println(STATS.summary("eager/jit"));
    long all = STATS.compared() + STATS.undetermined();
    // A reference that can pin down little would make the test pass vacuously.
    assertTrue(all == 0 || STATS.compared() >= 0.8 * all, "the reference determined too few elements: " + STATS.summary("eager/jit"));
  }

  static void check(int index, long seed) {
    Case c = ProgramGenerator.generate(seed, ProgramGenerator.Profile.GENERAL);
    Program p = c.program();
    Masks masks = new Masks();
    List<RefArray> want = new Reference(masks).run(p, c.refs());
    List<Execution> modes = new ArrayList<>(List.of(Execution.EAGER, Execution.JIT));
    if (Settings.GENERATED_EVERY > 0 && index % Settings.GENERATED_EVERY == 0) modes.add(Execution.GENERATED_SOURCE);
    StringBuilder problems = new StringBuilder();
    StringBuilder located = new StringBuilder();
    Outcome total = new Outcome();
    for (Execution mode : modes) {
      Outcome o = run(mode, p, c, want);
      if (mode == Execution.EAGER) total.addAll(o);
      if (!o.ok()) {
        for (String s : o.problems()) problems.append('[').append(mode).append("] ").append(s).append('\n');
        located.append(locate(mode, c, masks));
      }
    }
    STATS.program(total, masks);
    if (problems.length() > 0) fail(FailureReport.of(EagerJitDifferentialTest.class, c, problems.toString(), located.toString()));
  }

  private static Outcome run(Execution mode, Program p, Case c, List<RefArray> want) {
    Outcome o = new Outcome();
    List<Array> got;
    try {
      got = mode.run(p, c.arrays());
    } catch (RuntimeException | AssertionError | LinkageError e) {
      o.addAll(thrown(e));
      return o;
    }
    for (int k = 0; k < want.size(); k++) o.addAll(Checker.check("output " + k, got.get(k), want.get(k)));
    return o;
  }

  private static Outcome thrown(Throwable e) {
    Outcome o = new Outcome();
    try {
      throw e;
    } catch (Throwable t) {
      o.addAll(failure("threw " + FailureReport.stackTrace(t)));
    }
    return o;
  }

  private static Outcome failure(String message) {
    Outcome o = new Outcome();
    Checker.fail(o, message);
    return o;
  }

  /** The first value (in program order) that {@code mode} gets wrong, with its node. */
  static String locate(Execution mode, Case c, Masks unused) {
    Program p = c.program();
    List<RefArray> values = new Reference(new Masks()).values(p, c.refs());
    for (int v = p.inputs().size(); v < p.valueCount(); v++) {
      Program q = p.truncatedAt(v);
      Outcome o = run(mode, q, c, List.of(values.get(v)));
      if (!o.ok()) {
        StringBuilder sb = new StringBuilder("[" + mode + "] value v" + v + " : " + p.type(v) + ", computed by the last line of\n");
        sb.append(q.toString().indent(2));
        sb.append("  its operands:\n");
        for (int operand : p.nodes().get(v - p.inputs().size()).reads()) {
          sb.append("    v").append(operand).append(" = ").append(values.get(operand)).append('\n');
        }
        for (String s : o.problems()) sb.append("  ").append(s.replace("output 0", "v" + v)).append('\n');
        return sb.toString();
      }
    }
    return "[" + mode + "] every value is right on its own; only the whole program fails (fusion across nodes?)\n";
  }

  static List<Array> eager(Program p, List<Array> args) { return OlympusCalls.run(p, args); }
}
