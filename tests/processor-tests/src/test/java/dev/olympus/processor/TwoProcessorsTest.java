package dev.olympus.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.olympus.processor.Compilations.call;
import static dev.olympus.processor.Compilations.generated;
import static dev.olympus.processor.Compilations.loader;
import static dev.olympus.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.olympus.Array;
import dev.olympus.Olympus;
import dev.olympus.numpy.Jnp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Builds where the Olympus processor is not alone: a {@code @Jit} method whose parameter is a record another
 * processor generates in the same build waits for it (a later round), as Dagger and AutoValue do, instead of
 * failing with OLY106 on a type that does not exist yet; and the processor says it is aggregating, since a
 * kernel depends on the helper methods it follows into other files.
 */
class TwoProcessorsTest {
  /** Writes {@code demo.Params}, a record of two arrays, in its first round, as a record-generating processor would. */
  static final class ParamsGenerator extends AbstractProcessor {
    private boolean written;

    @Override
    public Set<String> getSupportedAnnotationTypes() { return Set.of("*"); }

    @Override
    public SourceVersion getSupportedSourceVersion() { return SourceVersion.latestSupported(); }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (written) return false;
      written = true;
      try {
        JavaFileObject f = processingEnv.getFiler().createSourceFile("demo.Params");
        try (Writer w = f.openWriter()) {
          w.write("package demo;\n"
              + "import dev.olympus.Array;\n"
              + "import dev.olympus.annotations.Shape;\n"
              + "public record Params(@Shape(\"f32[3]\") Array w, @Shape(\"f32[3]\") Array b) {}\n");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return false;
    }
  }

  @Test
  void aRecordFromAnotherProcessorIsWaitedFor() {
    JavaFileObject model = source("demo.Model",
        "package demo;",
        "import dev.olympus.Array;",
        "import dev.olympus.annotations.Jit;",
        "import dev.olympus.annotations.Shape;",
        "public final class Model {",
        "  @Jit public static Array affine(Params p, @Shape(\"f32[3]\") Array x) {",
        "    return x.mul(p.w()).add(p.b());",
        "  }",
        "}");
    Compilation c = javac().withProcessors(new ParamsGenerator(), new JitProcessor()).compile(model);
    assertThat(c).succeededWithoutWarnings();
    String code = generated(c, "demo.Model_Jit");
    assertTrue(code.contains("private static Array[] affineKernel("), code);

    ClassLoader loader = loader(c);
    try {
      Class<?> params = loader.loadClass("demo.Params");
      Object p = params.getConstructors()[0].newInstance(Jnp.array(new float[] {1, 2, 3}), Jnp.array(new float[] {0, 1, 0}));
      Array x = Jnp.array(new float[] {4, 5, 6});
      long compiles = Olympus.compileCount();
      Array got = (Array) call(loader, "demo.Model_Jit", "affine", p, x);
      assertEquals(compiles, Olympus.compileCount(), "the javac-time kernel served the call");
      assertArrayEquals(new float[] {4, 11, 18}, got.toFloatArray());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** The declaration Gradle reads from the processor's jar. */
  @Test
  void theProcessorIsDeclaredAggregatingForGradle() throws IOException {
    try (var in = JitProcessor.class.getResourceAsStream("/META-INF/gradle/incremental.annotation.processors")) {
      assertTrue(in != null, "no Gradle declaration in the processor's jar");
      assertEquals("dev.olympus.processor.JitProcessor,aggregating",
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip());
    }
  }
}
