package dev.olympus.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles what {@link PlanSource#unit} writes, with javac under {@code -Xlint:all -Werror} as a user's strict
 * build would, and calls it: the tests' way to run a javac-time kernel without an annotation processor.
 */
public final class GeneratedKernels {
  private GeneratedKernels() {}

  /** Compiles {@code source} (class {@code dev.olympus.kernels.Kernel_<name>}) and calls its {@code run}. */
  public static Array[] run(String name, String source, Array... args) {
    return compile(name, source, args.length).apply(args);
  }

  /** Compiles {@code source} once; the function calls its {@code run(Array...)} with {@code arity} arrays. */
  public static Function<Array[], Array[]> compile(String name, String source, int arity) {
    String className = "dev.olympus.kernels.Kernel_" + name;
    Method run;
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
      // The loader stays open for as long as the kernel may be called; the class is small and test-scoped.
      URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
          GeneratedKernels.class.getClassLoader());
      run = loader.loadClass(className).getMethod("run", argTypes(arity));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot load the generated kernel: " + e + "\n" + source, e);
    }
    return args -> {
      try {
        return (Array[]) run.invoke(null, (Object[]) args);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException r) throw r;
        throw new AssertionError("the generated kernel failed: " + e.getCause() + "\n" + source, e);
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
    };
  }

  private static Class<?>[] argTypes(int n) {
    Class<?>[] types = new Class<?>[n];
    java.util.Arrays.fill(types, Array.class);
    return types;
  }
}
