package dev.olympus.difftest;

import dev.olympus.difftest.program.Case;
import dev.olympus.difftest.program.Functions;
import java.io.PrintWriter;
import java.io.StringWriter;

/** The message of a failing case: how to replay it, the program as Java, its inputs, its IR, what differed. */
public final class FailureReport {
  private FailureReport() {}

  public static String of(Class<?> test, Case c, String problems, String located) {
    StringBuilder sb = new StringBuilder();
    sb.append("Differential test failed for seed ").append(c.seed()).append('\n');
    sb.append("replay: ").append(Settings.replayHint(test, c.seed())).append("\n\n");
    sb.append("problems:\n").append(problems.indent(2)).append('\n');
    if (located != null && !located.isEmpty()) sb.append("where it first goes wrong:\n").append(located.indent(2)).append('\n');
    sb.append("program:\n").append(c.describe().indent(2)).append('\n');
    sb.append("IR (Olympus.makeIr):\n");
    try {
      sb.append(Functions.makeIr(Functions.of(c.program()), c.arrays()).toString().indent(2));
    } catch (RuntimeException e) {
      sb.append("  makeIr threw ").append(e).append('\n');
    }
    return sb.toString();
  }

  public static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    String s = w.toString();
    // The frames below the test harness are noise.
    int cut = s.indexOf("at dev.olympus.difftest.Execution");
    int end = cut < 0 ? -1 : s.indexOf('\n', cut);
    return end < 0 ? s : s.substring(0, end) + "\n\t...";
  }
}
