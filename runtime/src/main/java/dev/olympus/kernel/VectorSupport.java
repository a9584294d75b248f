package dev.olympus.kernel;

import dev.olympus.DType;
import dev.olympus.lowering.Node;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether kernels may use the Vector API: only when {@code jdk.incubator.vector} is in the boot layer (the
 * user ran {@code java --add-modules jdk.incubator.vector}) and {@code -Dolympus.vector=false} was not given.
 * Users' builds never need the incubator module: only this runtime was compiled against it.
 */
final class VectorSupport {
  private VectorSupport() {}

  static final boolean AVAILABLE = !"false".equals(System.getProperty("olympus.vector"))
      && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  private static final AtomicBoolean HINTED = new AtomicBoolean();

  /** The fastest loop for {@code op}: Vector API, specialized scalar, or the primitive's own implementation. */
  static TileOp select(Node.Op op, DType operandType, boolean vector) {
    TileOp t = vector && op.primitive() != dev.olympus.primitive.ConvertElementType.CONVERT_ELEMENT_TYPE
        ? VectorTileOps.of(op, operandType) : null;
    if (t == null) t = ScalarTileOps.of(op, operandType);
    return t;
  }

  /** Prints, once per JVM, how to turn on SIMD kernels, when a kernel could have used them. */
  static void hintOnce() {
    if (AVAILABLE || "false".equals(System.getProperty("olympus.vector")) || !HINTED.compareAndSet(false, true)) {
      return;
    }
    System.err.println("[olympus] jit kernels are running without SIMD math (exp, log, tanh, ...). Add "
        + "'--add-modules jdk.incubator.vector' to the java command line (or to MAVEN_OPTS / surefire argLine) "
        + "for vectorized kernels; -Dolympus.vector=false silences this hint.");
  }
}
