package dev.olympus.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.codegen.PlanSource;
import dev.olympus.fusion.NestLowering;
import dev.olympus.ir.ClosedIr;
import dev.olympus.lowering.KernelPlan;
import dev.olympus.storage.Storage;
import dev.olympus.transform.Staging;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every case of {@link NestLoweringLayoutTest} once more through the Java the one kernel compiler writes
 * ({@link PlanSource}, what {@code Foo_Jit} kernels are): compiled by javac and run, it must give the run-time
 * kernel's results bit for bit, in every layout and dtype, zero-size operands and product epilogues included.
 * The run-time kernel interprets the same schedule the source was written from, so any difference is a bug
 * in one of the two.
 */
class GeneratedSourceLayoutTest extends NestLoweringLayoutTest {
  private static final AtomicInteger UNITS = new AtomicInteger();

  @Override
  void check(Object fn, Array... args) {
    ClosedIr ir = Staging.makeIr(fn, (Object[]) args);
    KernelPlan plan = NestLowering.lower(ir);
    Array[] runtime = new PlanExecutable(plan, "layout", true).run(args);
    String name = "layout" + UNITS.incrementAndGet();
    String source = PlanSource.unit(plan, name);
    Array[] generated = run(name, source, args);
    assertEquals(runtime.length, generated.length);
    for (int i = 0; i < runtime.length; i++) {
      Storage want = runtime[i].storage(), got = generated[i].storage();
      assertEquals(want.dtype(), got.dtype());
      assertEquals(want.shape(), got.shape(), "shape of result " + i);
      for (int k = 0; k < want.length(); k++) {
        boolean same = want.dtype() == DType.BOOL ? want.getBool(k) == got.getBool(k)
            : want.dtype().isFloating() ? Double.doubleToLongBits(want.getDouble(k)) == Double.doubleToLongBits(got.getDouble(k))
            : want.getLong(k) == got.getLong(k);
        assertTrue(same, "result " + i + " element " + k + ": run-time kernel " + want.getDouble(k)
            + ", generated source " + got.getDouble(k) + "\n" + ir + "\n" + source);
      }
    }
  }

  /** A long row of an elementwise map is split into column blocks over the cores, as the run-time kernel does. */
  @Test
  void longRowSplitIntoBlocks() {
    Random r = new Random(3);
    check((Fn1<Array, Array>) x -> x.mul(x).add(x), random(r, DType.F32, 300_000));
  }

  /** Compiles {@code source} (class {@code dev.olympus.kernels.Kernel_<name>}) and calls its {@code run}. */
  static Array[] run(String name, String source, Array... args) {
    String className = "dev.olympus.kernels.Kernel_" + name;
    try {
      Path out = Files.createTempDirectory("olympus-generated-source");
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      JavaFileObject file = new SimpleJavaFileObject(
          URI.create("string:///" + className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) { return source; }
      };
      List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-proc:none",
          "-Xlint:all", "-Werror", "-d", out.toString());
      boolean ok = javac.getTask(null, null, diagnostics, options, null, List.of(file)).call();
      assertTrue(ok, "javac rejected the generated source: " + diagnostics.getDiagnostics() + "\n" + source);
      try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
          GeneratedSourceLayoutTest.class.getClassLoader())) {
        Method run = loader.loadClass(className).getMethod("run", argTypes(args.length));
        return (Array[]) run.invoke(null, (Object[]) args);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot run the generated kernel: " + e.getCause() + "\n" + source, e);
    }
  }

  private static Class<?>[] argTypes(int n) {
    Class<?>[] types = new Class<?>[n];
    java.util.Arrays.fill(types, Array.class);
    return types;
  }
}
