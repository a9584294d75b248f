package dev.olympus.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.olympus.Array;
import dev.olympus.numpy.Jnp;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Helpers a {@code @Jit} method calls that javac compiled earlier (another module, a jar): javac runs them
 * with tracers when their class files name only Olympus, the pure JDK and other such classes and hold no
 * mutable static state, so the method still gets a javac-time kernel; anything else (I/O, a counter) is the
 * OLY301 warning and run-time tracing, as before. Changing a helper and rebuilding changes the kernel, from a
 * jar as from a source file of the same build (the incremental case the processor's {@code aggregating}
 * declaration is for).
 */
class ClassPathHelpersTest {
  @TempDir Path classes;

  static final JavaFileObject MODEL = Compilations.source("demo.Model",
      "package demo;",
      "import dev.olympus.Array;",
      "import dev.olympus.annotations.Jit;",
      "import dev.olympus.annotations.Shape;",
      "public final class Model {",
      "  @Jit",
      "  public static Array f(@Shape(\"f32[k]\") Array x) { return lib.Act.act(x).add(1); }",
      "}");

  static JavaFileObject helper(String body, String... extra) {
    List<String> lines = new ArrayList<>(List.of(
        "package lib;",
        "import dev.olympus.Array;",
        "import dev.olympus.numpy.Jnp;",
        "public final class Act {"));
    lines.addAll(List.of(extra));
    lines.add("  public static Array act(Array x) { " + body + " }");
    lines.add("}");
    return Compilations.source("lib.Act", lines.toArray(new String[0]));
  }

  /** Compiles the helper alone (no processor) into {@link #classes}, as another module's build would. */
  void compileHelper(JavaFileObject helper) {
    Compilation c = javac().compile(helper);
    assertThat(c).succeeded();
    for (JavaFileObject f : c.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) continue;
      String path = f.toUri().getPath();
      Path out = classes.resolve(path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length()));
      try (InputStream in = f.openInputStream()) {
        Files.createDirectories(out.getParent());
        Files.write(out, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  Compilation compileAgainstHelper(JavaFileObject... sources) {
    List<File> path = new ArrayList<>();
    for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) path.add(new File(p));
    path.add(classes.toFile());
    return javac().withProcessors(new JitProcessor()).withClasspath(path).compile(sources);
  }

  @Test
  void aPureHelperFromTheClassPathIsTracedAtJavacTime() throws Exception {
    compileHelper(helper("return Jnp.tanh(x).mul(SCALE).add(Util.shift(x));",
        "  static final double SCALE = Math.sqrt(2);",
        "  static final class Util { static Array shift(Array x) { return Jnp.sin(x).mul(0.5); } }"));
    Compilation c = compileAgainstHelper(MODEL);
    assertThat(c).succeededWithoutWarnings();
    String code = Compilations.generated(c, "demo.Model_Jit");
    assertTrue(code.contains("private static Array[] fKernel(Array x, int k)"), code);
    assertTrue(code.contains("= tanh a") && code.contains("= sin a"), code);

    try (URLClassLoader lib = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      ClassLoader loader = Compilations.loader(c, lib);
      Array x = Jnp.array(new float[] {-1.5f, 0f, 0.25f, 3f});
      long compiles = dev.olympus.Olympus.compileCount();
      Array kernel = (Array) Compilations.call(loader, "demo.Model_Jit", "f", x);
      Array eager = (Array) Compilations.call(loader, "demo.Model", "f", x);
      assertArrayEquals(eager.toFloatArray(), kernel.toFloatArray());
      assertTrue(dev.olympus.Olympus.compileCount() == compiles, "the javac-time kernel ran");
    }
  }

  @Test
  void aHelperThatPrintsOrKeepsStateIsNotRunByJavac() {
    compileHelper(helper("System.out.println(x); return Jnp.tanh(x);"));
    Compilation printing = compileAgainstHelper(MODEL);
    assertThat(printing).succeeded();
    assertThat(printing).hadWarningContaining("[OLY301] javac cannot trace Model.f: the call to Act.act");
    assertFalse(Compilations.generated(printing, "demo.Model_Jit").contains("fKernel"));

    compileHelper(helper("calls++; return Jnp.tanh(x);", "  static int calls;"));
    Compilation counting = compileAgainstHelper(MODEL);
    assertThat(counting).hadWarningContaining("compiled helpers that use nothing else");
    assertFalse(Compilations.generated(counting, "demo.Model_Jit").contains("fKernel"));
  }

  /** Rebuilding after a helper changed changes the kernel, whether the helper is a class file or a source. */
  @Test
  void aChangedHelperChangesTheKernel() {
    compileHelper(helper("return Jnp.tanh(x);"));
    String before = Compilations.generated(compileAgainstHelper(MODEL), "demo.Model_Jit");
    compileHelper(helper("return Jnp.exp(x);"));
    String after = Compilations.generated(compileAgainstHelper(MODEL), "demo.Model_Jit");
    assertTrue(before.contains("= tanh a") && !before.contains("= exp a"), before);
    assertTrue(after.contains("= exp a") && !after.contains("= tanh a"), after);

    String fromSource = Compilations.generated(Compilations.compile(MODEL, helper("return Jnp.log1p(x);")),
        "demo.Model_Jit");
    assertTrue(fromSource.contains("= log1p a"), fromSource);
  }
}
