package dev.olympus.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The README's demo runs to the end and shows what the seed notebook shows. Expected texts are the seed's
 * (jaxpr of log2, "Answer: 20/30") or follow from the cell (compile counts of static arguments), not copies of
 * this program's output.
 */
class WalkthroughTest {
  @Test
  void walkthroughReproducesTheSeedCells() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      Walkthrough.main(new String[0]);
    } finally {
      System.setOut(saved);
    }
    String out = captured.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    String log2Jaxpr = """
        { lambda ; a:f32[]. let
            b:f32[] = log a
            c:f32[] = log 2.0:f32[]
            d:f32[] = div b c
          in (d,) }""";
    assertContains(out, log2Jaxpr + "\nglobal list after tracing: [Traced<f32[]>]");
    assertContains(out, "printed x: Traced<f32[]>\n" + log2Jaxpr);
    assertContains(out, "{ lambda ; a:i32[3]. let  in (a,) }");
    assertContains(out, "x eager: the kernel javac generated (0 run-time compiles)");
    assertContains(out, "TracerBoolConversionException: Attempted boolean conversion of traced array with shape "
        + "bool[].");
    assertContains(out, "depends on the value of the argument n");
    assertContains(out, "Answer: 20");
    assertContains(out, "Answer: 30\ncompiles for 20 calls: 1");
    assertContains(out, "g(10, n=20) = 30   compiles: 1");
    assertContains(out, "g(10, n=20) = 30   compiles: 0");
    assertContains(out, "g(10, n=3) = 13   compiles: 1");
    assertContains(out, "g(-5, n=3) = -2   compiles: 0");
    assertContains(out, "g(10, n=1000) = 1010   compiles: 0 (javac-time kernel)");
    assertContains(out, "identical: true");
    assertContains(out, "NonConcreteBooleanIndexException");
    assertContains(out, "UnexpectedTracerException");
    assertContains(out, "1000 steps: 2000 equations");
  }

  private static void assertContains(String text, String expected) {
    assertTrue(text.contains(expected), () -> "expected the walkthrough to print\n" + expected + "\n--- it printed\n"
        + text);
  }
}
