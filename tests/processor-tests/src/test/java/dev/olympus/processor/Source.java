package dev.olympus.processor;

import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import javax.tools.JavaFileObject;

/** A test source whose lines and columns can be looked up by the text on them, so tests state positions plainly. */
record Source(String className, List<String> lines) {
  static Source of(String className, String... lines) {
    return new Source(className, List.of(lines));
  }

  JavaFileObject file() {
    return JavaFileObjects.forSourceLines(className, lines.toArray(new String[0]));
  }

  /** The 1-based line of the first line containing {@code marker}. */
  long line(String marker) {
    for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(marker)) return i + 1;
    throw new AssertionError("no line contains " + marker);
  }

  /** The 1-based column of {@code token} on the line containing {@code marker}. */
  long column(String marker, String token) {
    String l = lines.get((int) line(marker) - 1);
    int at = l.indexOf(token);
    if (at < 0) throw new AssertionError("no " + token + " on line " + l);
    return at + 1;
  }
}
