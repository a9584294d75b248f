package dev.olympus.processor.generate;

import com.palantir.javapoet.MethodSpec;
import java.util.List;

/** What a {@link KernelRenderer} returns: a kernel, or why it has none for this IR. */
public sealed interface KernelRendering {
  /** Which calls a rendered kernel serves; the generated dispatcher checks exactly this. */
  enum Coverage {
    /** Each input has its declared dtype and dims; a symbol has one size across inputs, passed as an int. */
    DECLARED_SHAPES,
    /**
     * Elementwise: each input has its dtype, the inputs traced as scalars are scalars, and all other inputs
     * share one shape of any rank and size. The kernel takes no symbol ints.
     */
    ANY_SHAPE
  }

  /** The kernel method, the methods it calls (its loop nests), and what it serves. */
  record Rendered(MethodSpec kernel, List<MethodSpec> helpers, Coverage coverage) implements KernelRendering {
    public Rendered {
      helpers = List.copyOf(helpers);
    }
  }

  record Declined(String reason) implements KernelRendering {}
}
