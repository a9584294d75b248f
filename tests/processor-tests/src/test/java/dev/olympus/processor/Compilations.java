package dev.olympus.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Compiles user sources with javac and the Olympus processor, and loads what javac produced. */
final class Compilations {
  private Compilations() {}

  static JavaFileObject source(String className, String... lines) {
    return JavaFileObjects.forSourceLines(className, lines);
  }

  static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new JitProcessor()).compile(sources);
  }

  static Compilation compile(List<String> options, JavaFileObject... sources) {
    return javac().withProcessors(new JitProcessor()).withOptions(options).compile(sources);
  }

  static String generated(Compilation c, String className) {
    JavaFileObject file = c.generatedSourceFile(className)
        .orElseThrow(() -> new AssertionError("no generated source " + className + "; diagnostics: " + c.diagnostics()));
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A class loader over the class files of a successful compilation (parent: the test's loader). */
  static ClassLoader loader(Compilation c) {
    return loader(c, Compilations.class.getClassLoader());
  }

  /** A class loader over the class files of a successful compilation, with the classes of {@code parent}. */
  static ClassLoader loader(Compilation c, ClassLoader parent) {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject f : c.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) continue;
      String path = f.toUri().getPath();
      String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(), path.length() - 6)
          .replace('/', '.');
      try (InputStream in = f.openInputStream()) {
        classes.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new ClassLoader(parent) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) throw new ClassNotFoundException(name);
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
  }

  /** Calls a public static method by name (the only one of that name). */
  static Object call(ClassLoader loader, String className, String method, Object... args) {
    try {
      Class<?> c = loader.loadClass(className);
      for (java.lang.reflect.Method m : c.getMethods()) {
        if (m.getName().equals(method) && m.getParameterCount() == args.length) return m.invoke(null, args);
      }
      throw new AssertionError("no method " + className + "." + method);
    } catch (ReflectiveOperationException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new AssertionError(e);
    }
  }
}
