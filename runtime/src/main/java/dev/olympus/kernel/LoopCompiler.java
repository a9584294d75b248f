package dev.olympus.kernel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The second tier: compiles a fusion region's {@link LoopSource} with the JDK's in-memory javac and loads it
 * as a hidden class, on a background thread. The first tier (tile loops) serves calls meanwhile, so the
 * first call never waits for javac (about 0.5 s cold, 20-40 ms warm on this machine kind); the compiled loop
 * takes over when ready. A hidden class is unloaded with its kernel when the cache drops the entry. On a JRE
 * without {@code jdk.compiler}, or with {@code -Dolympus.tier2=false}, kernels stay on the first tier.
 */
final class LoopCompiler {
  private LoopCompiler() {}

  private static final JavaCompiler JAVAC = findCompiler();
  static final boolean AVAILABLE = JAVAC != null && !"false".equals(System.getProperty("olympus.tier2"));
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "olympus-kernel-compiler");
    t.setDaemon(true);
    return t;
  });

  private static JavaCompiler findCompiler() {
    try {
      return ToolProvider.getSystemJavaCompiler();
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** A fresh class name in this package (hidden classes must live in the lookup's package). */
  static String newClassName(String hint) {
    String clean = hint.replaceAll("[^A-Za-z0-9]", "_");
    if (clean.length() > 40) clean = clean.substring(0, 40);
    return "Loop_" + clean + "_" + NAMES.incrementAndGet();
  }

  /**
   * Loaded loops by their source text with a neutral class name: a region that renders to the same text (the
   * same function at another size, when the loop is size-free) reuses the class instead of running javac.
   */
  private static final java.util.Map<String, FusedLoop> BY_SOURCE = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, FusedLoop> eldest) { return size() > 256; }
      });

  /** A loaded loop whose neutral source is {@code key}, if one was compiled already. */
  static FusedLoop cached(String key) { return BY_SOURCE.get(key); }

  /** Compiles in the background and hands the loaded loop to {@code onReady}; failures keep tier one. */
  static void compileLater(String key, String className, String source, boolean vector,
      Consumer<FusedLoop> onReady) {
    if (!AVAILABLE) return;
    BACKGROUND.execute(() -> {
      try {
        FusedLoop loop = BY_SOURCE.get(key);
        if (loop == null) {
          long t0 = System.nanoTime();
          dump(className, source);
          loop = compile(className, source, vector);
          BY_SOURCE.put(key, loop);
          if (Boolean.getBoolean("olympus.logCompiles")) {
            System.err.printf(java.util.Locale.ROOT, "[olympus] tier 2: compiled %s (%s) in %.1f ms%n", className,
                vector ? "Vector API" : "scalar", (System.nanoTime() - t0) / 1e6);
          }
        }
        onReady.accept(loop);
      } catch (RuntimeException | LinkageError e) {
        if (Boolean.getBoolean("olympus.logCompiles")) {
          System.err.println("[olympus] tier-2 compile of " + className + " failed, staying on tile loops: " + e);
        }
      }
    });
  }

  /** Compiles and loads now (tests and benchmarks of the second tier). */
  static FusedLoop compile(String className, String source, boolean vector) {
    if (JAVAC == null) throw new IllegalStateException("no Java compiler in this runtime");
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager standard = JAVAC.getStandardFileManager(diagnostics, null, null);
    MemoryFileManager files = new MemoryFileManager(standard);
    List<String> options = new ArrayList<>(List.of("-classpath", classPath(), "-proc:none", "-g:none",
        "-nowarn", "-XDsuppressNotes"));
    if (vector) options.addAll(List.of("--add-modules", "jdk.incubator.vector"));
    JavaFileObject unit = new SimpleJavaFileObject(
        URI.create("string:///dev/olympus/kernel/" + className + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) { return source; }
    };
    Boolean ok = JAVAC.getTask(null, files, diagnostics, options, null, List.of(unit)).call();
    if (!ok) throw new IllegalStateException("javac rejected generated loop " + className + ": "
        + diagnostics.getDiagnostics() + "\n" + source);
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup()
          .defineHiddenClass(files.bytes(), true);
      return (FusedLoop) lookup.findConstructor(lookup.lookupClass(),
          java.lang.invoke.MethodType.methodType(void.class)).invoke();
    } catch (Throwable e) {
      throw new IllegalStateException("cannot load generated loop " + className + ": " + e, e);
    }
  }

  /** With {@code -Dolympus.dumpKernels=DIR}, the second-tier source goes next to the kernel dumps. */
  private static void dump(String className, String source) {
    String dir = System.getProperty("olympus.dumpKernels");
    if (dir == null || dir.isBlank()) return;
    try {
      java.nio.file.Path d = java.nio.file.Path.of(dir);
      java.nio.file.Files.createDirectories(d);
      java.nio.file.Files.writeString(d.resolve(className + ".java"), source);
    } catch (java.io.IOException e) {
      System.err.println("[olympus] cannot dump " + className + " to " + dir + ": " + e.getMessage());
    }
  }

  /** Where Olympus' own classes are, for javac: the tracer and this runtime. */
  private static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> c : new Class<?>[] {FusedLoop.class, dev.olympus.Array.class}) {
      try {
        entries.add(new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath());
      } catch (URISyntaxException | RuntimeException e) {
        // fall back to the JVM's class path below
      }
    }
    entries.add(System.getProperty("java.class.path"));
    return String.join(File.pathSeparator, entries);
  }

  /** Keeps javac's output in memory. */
  private static final class MemoryFileManager extends ForwardingJavaFileManager<JavaFileManager> {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    MemoryFileManager(JavaFileManager fm) {
      super(fm);
    }

    byte[] bytes() { return out.toByteArray(); }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
        FileObject sibling) {
      return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
        @Override
        public OutputStream openOutputStream() { return out; }
      };
    }
  }
}
