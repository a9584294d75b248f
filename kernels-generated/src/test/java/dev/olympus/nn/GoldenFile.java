package dev.olympus.nn;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a generated file with its checked-in golden copy and fails with a unified diff. Run with
 * {@code -Dolympus.updateGoldens=true} to accept the new output (it overwrites the golden, which then shows up
 * in {@code git diff} for review).
 */
final class GoldenFile {
  static final String UPDATE_PROPERTY = "olympus.updateGoldens";

  private GoldenFile() {}

  static void check(Path actualFile, Path goldenFile) throws IOException {
    String actual = Files.readString(actualFile, StandardCharsets.UTF_8);
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      Files.createDirectories(goldenFile.getParent());
      Files.writeString(goldenFile, actual, StandardCharsets.UTF_8);
      System.out.println("[golden] updated " + goldenFile);
      return;
    }
    if (!Files.exists(goldenFile)) {
      fail("no golden file " + goldenFile + "; create it with -D" + UPDATE_PROPERTY + "=true");
    }
    String golden = Files.readString(goldenFile, StandardCharsets.UTF_8);
    if (!golden.equals(actual)) {
      fail("generated " + actualFile + " differs from its golden copy " + goldenFile + ".\n"
          + "If the change is intended, update the golden with\n"
          + "  mvn -B -ntp -pl kernels-generated -am verify -D" + UPDATE_PROPERTY + "=true\n"
          + "and review it with git diff.\n\n" + unifiedDiff(golden, actual, goldenFile.toString(),
              actualFile.toString()));
    }
  }

  /** A unified diff (3 lines of context) of two texts, by longest common subsequence of lines. */
  static String unifiedDiff(String before, String after, String beforeName, String afterName) {
    String[] a = before.split("\n", -1);
    String[] b = after.split("\n", -1);
    int[][] lcs = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    // Edit script: ' ' keep, '-' only in before, '+' only in after; with the line numbers of each side.
    List<char[]> ops = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    List<int[]> positions = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i].equals(b[j])) {
        ops.add(new char[] {' '});
        lines.add(a[i]);
        positions.add(new int[] {i++, j++});
      } else if (j < b.length && (i == a.length || lcs[i][j + 1] > lcs[i + 1][j])) {
        ops.add(new char[] {'+'});
        lines.add(b[j]);
        positions.add(new int[] {i, j++});
      } else {
        ops.add(new char[] {'-'});
        lines.add(a[i]);
        positions.add(new int[] {i++, j});
      }
    }
    StringBuilder out = new StringBuilder("--- " + beforeName + "\n+++ " + afterName + "\n");
    int k = 0;
    while (k < ops.size()) {
      if (ops.get(k)[0] == ' ') {
        k++;
        continue;
      }
      int start = Math.max(0, k - 3);
      int end = k;
      // Extend the hunk while changes are within 6 lines of each other.
      int lastChange = k;
      while (end < ops.size() && end - lastChange <= 6) {
        if (ops.get(end)[0] != ' ') lastChange = end;
        end++;
      }
      end = Math.min(ops.size(), lastChange + 4);
      out.append("@@ -").append(positions.get(start)[0] + 1).append(" +").append(positions.get(start)[1] + 1)
          .append(" @@\n");
      for (int h = start; h < end; h++) out.append(ops.get(h)[0]).append(lines.get(h)).append('\n');
      k = end;
    }
    return out.toString();
  }
}
