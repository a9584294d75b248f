package dev.olympus.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The processor's output for {@link Nn} is checked in as a golden file, so any change to what javac generates
 * (tracing, lowering, the dispatcher) shows up as a reviewable diff. To accept a change:
 * {@code mvn -B -ntp -pl kernels-generated -am verify -Dolympus.updateGoldens=true}.
 */
class NnGeneratedSourceTest {
  static final Path GENERATED = Path.of("target/generated-sources/annotations/dev/olympus/nn/Nn_Jit.java");
  static final Path GOLDEN = Path.of("src/test/resources/golden/dev/olympus/nn/Nn_Jit.java.golden");

  @Test
  void generatedSourceMatchesTheGoldenCopy() throws Exception {
    GoldenFile.check(GENERATED, GOLDEN);
  }

  @Test
  void theDiffNamesTheChangedLines() {
    String diff = GoldenFile.unifiedDiff("a\nb\nc\nd\n", "a\nb\nX\nd\n", "golden", "generated");
    assertEquals("--- golden\n+++ generated\n@@ -1 +1 @@\n a\n b\n-c\n+X\n d\n \n", diff);
    assertTrue(GoldenFile.unifiedDiff("same\n", "same\n", "g", "a").endsWith("+++ a\n"));
  }
}
