package dev.olympus.primitive;

import dev.olympus.types.Shape;
import java.util.Arrays;

/**
 * Which axes of a convolution's operands are batch, feature and spatial (XLA's and JAX's
 * {@code ConvDimensionNumbers}): each spec lists, in order, the batch (or output-feature) axis, the feature
 * (input-feature) axis, then the spatial axes, spatial axis {@code i} of the three specs running together.
 *
 * @param lhsSpec the input's axes: batch, feature, spatial...
 * @param rhsSpec the kernel's axes: output feature, input feature, spatial...
 * @param outSpec the output's axes: batch, feature, spatial...
 */
public record ConvDimensionNumbers(int[] lhsSpec, int[] rhsSpec, int[] outSpec) {
  public ConvDimensionNumbers {
    lhsSpec = lhsSpec.clone();
    rhsSpec = rhsSpec.clone();
    outSpec = outSpec.clone();
  }

  @Override public int[] lhsSpec() { return lhsSpec.clone(); }
  @Override public int[] rhsSpec() { return rhsSpec.clone(); }
  @Override public int[] outSpec() { return outSpec.clone(); }

  /** Axes in order for every operand of rank {@code rank}: NCHW, OIHW, NCHW in 2-d. */
  public static ConvDimensionNumbers identity(int rank) {
    int[] iota = new int[rank];
    for (int i = 0; i < rank; i++) iota[i] = i;
    return new ConvDimensionNumbers(iota, iota, iota);
  }

  /**
   * From layout strings as {@code jax.lax.conv_dimension_numbers} takes them, such as {@code ("NHWC", "HWIO",
   * "NHWC")}: {@code N}/{@code C} name the batch and feature axes of the input and output, {@code O}/{@code I}
   * the kernel's, and any other letter a spatial axis, matched across the three by letter (in the kernel's
   * order).
   */
  public static ConvDimensionNumbers of(String lhs, String rhs, String out) {
    if (lhs == null || rhs == null || out == null) {
      throw new IllegalArgumentException("conv dimension numbers need three layout strings, e.g. \"NCHW\", \"OIHW\", \"NCHW\"");
    }
    if (lhs.length() != rhs.length() || lhs.length() != out.length()) {
      throw new IllegalArgumentException("conv layouts " + lhs + ", " + rhs + ", " + out + " must have one letter per axis "
          + "of equally ranked operands");
    }
    return new ConvDimensionNumbers(permutation(lhs, 'N', 'C', rhs), permutation(rhs, 'O', 'I', rhs),
        permutation(out, 'N', 'C', rhs));
  }

  private static int[] permutation(String spec, char first, char second, String rhs) {
    if (spec.chars().filter(c -> c == first).count() != 1 || spec.chars().filter(c -> c == second).count() != 1) {
      throw new IllegalArgumentException("conv layout " + spec + " must contain '" + first + "' and '" + second
          + "' exactly once");
    }
    if (spec.chars().distinct().count() != spec.length()) {
      throw new IllegalArgumentException("conv layout " + spec + " repeats a letter");
    }
    int[] perm = new int[spec.length()];
    perm[0] = spec.indexOf(first);
    perm[1] = spec.indexOf(second);
    int k = 2;
    // Spatial axes in the kernel's order of their letters.
    for (int i = 0; i < rhs.length(); i++) {
      char c = rhs.charAt(i);
      if (c == 'O' || c == 'I') continue;
      int at = spec.indexOf(c);
      if (at < 0 || c == first || c == second) {
        throw new IllegalArgumentException("conv layout " + spec + " lacks the spatial axis '" + c + "' of the kernel "
            + "layout " + rhs);
      }
      perm[k++] = at;
    }
    if (k != perm.length) throw new IllegalArgumentException("conv layout " + spec + " has spatial axes the kernel's lacks");
    return perm;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConvDimensionNumbers d && Arrays.equals(lhsSpec, d.lhsSpec) && Arrays.equals(rhsSpec, d.rhsSpec)
        && Arrays.equals(outSpec, d.outSpec);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(lhsSpec) + Arrays.hashCode(rhsSpec)) + Arrays.hashCode(outSpec);
  }

  /** As JAX prints it: {@code ConvDimensionNumbers(lhs_spec=(0, 1, 2, 3), ...)}. */
  @Override
  public String toString() {
    return "ConvDimensionNumbers(lhs_spec=" + Shape.tuple(lhsSpec) + ", rhs_spec=" + Shape.tuple(rhsSpec)
        + ", out_spec=" + Shape.tuple(outSpec) + ")";
  }
}
