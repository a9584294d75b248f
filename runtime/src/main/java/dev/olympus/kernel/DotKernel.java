package dev.olympus.kernel;

import dev.olympus.DType;
import dev.olympus.ir.Equation;
import dev.olympus.lowering.Step;
import dev.olympus.primitive.DotGeneral;
import dev.olympus.storage.Storage;
import dev.olympus.types.Shape;
import java.util.List;

/**
 * A float32 matrix product ({@code dot_general} of two matrices over one dimension each, no batch dimensions:
 * what {@code Jnp.matmul} and its gradients produce) run by a register-blocked SIMD loop ({@link VectorDot}).
 * The primitive's own loop reaches the output through memory at every step of the contraction; this one keeps
 * a 4 x 2-vector block of the output in registers across it, and reads a transposed lhs in place instead of
 * copying it.
 *
 * <p>Each output element is still the contraction summed in float in ascending order, a product rounded and
 * then added as the primitive does (no fused multiply-add), so results are bit-for-bit the eager ones.
 */
final class DotKernel {
  private final Step.Primitive step;
  private final boolean lhsTransposed;
  private final boolean rhsTransposed;
  private final int m;
  private final int n;
  private final int k;
  private final Shape outShape;

  private DotKernel(Step.Primitive step) {
    this.step = step;
    Equation e = step.equation();
    DotGeneral.DimensionNumbers dn = e.params().as("dimension_numbers");
    Shape l = e.inputs().get(0).aval().shape();
    Shape r = e.inputs().get(1).aval().shape();
    lhsTransposed = dn.lhsContract()[0] == 0;
    rhsTransposed = dn.rhsContract()[0] == 1;
    m = l.dim(lhsTransposed ? 1 : 0);
    k = l.dim(lhsTransposed ? 0 : 1);
    n = r.dim(rhsTransposed ? 0 : 1);
    outShape = e.outputs().get(0).aval().shape();
  }

  /** This kernel for {@code step} when it is a float32 matrix product, otherwise {@code null}. */
  static DotKernel of(Step.Primitive step) {
    Equation e = step.equation();
    if (e.primitive() != DotGeneral.DOT_GENERAL) return null;
    DotGeneral.DimensionNumbers dn = e.params().as("dimension_numbers");
    List<? extends dev.olympus.ir.Atom> in = e.inputs();
    boolean matrices = in.get(0).aval().shape().rank() == 2 && in.get(1).aval().shape().rank() == 2
        && dn.lhsBatch().length == 0 && dn.lhsContract().length == 1 && dn.rhsContract().length == 1;
    boolean f32 = in.get(0).aval().dtype() == DType.F32 && in.get(1).aval().dtype() == DType.F32
        && e.outputs().get(0).aval().dtype() == DType.F32;
    return matrices && f32 ? new DotKernel(step) : null;
  }

  void run(Storage[] slots) {
    float[] a = slots[step.inSlots()[0]].f32();
    float[] b = slots[step.inSlots()[1]].f32();
    if (rhsTransposed) b = transpose(b, n, k);
    Storage out = Storage.allocate(DType.F32, outShape);
    // Element (i, p) of the lhs: row-major [m, k], or [k, m] read in place when contracted over dimension 0.
    int rowStride = lhsTransposed ? 1 : k;
    int colStride = lhsTransposed ? m : 1;
    VectorDot.matmul(a, rowStride, colStride, b, out.f32(), m, n, k);
    slots[step.outSlots()[0]] = out;
  }

  /** {@code x} of shape [rows, cols] as [cols, rows]: the rhs rows must be contiguous for the SIMD loads. */
  private static float[] transpose(float[] x, int rows, int cols) {
    float[] t = new float[x.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) t[j * rows + i] = x[i * cols + j];
    }
    return t;
  }
}
