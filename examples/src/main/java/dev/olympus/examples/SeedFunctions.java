package dev.olympus.examples;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.numpy.Jnp;
import java.util.ArrayList;
import java.util.List;

/**
 * The functions of the seed notebook (JAX's "Just-in-time compilation" tutorial), in Java as
 * SEEDS_IN_JAVA.md spells them. Each is a plain static method: called directly it runs eagerly, op by op;
 * passed to {@code Olympus.makeIr} or {@code Olympus.jit} it is traced.
 */
public final class SeedFunctions {
  private SeedFunctions() {}

  /** The seed's {@code global_list}: {@link #log2} appends to it, a side effect that happens only while tracing. */
  public static final List<Object> GLOBAL_LIST = new ArrayList<>();

  public static Array log2(Array x) {
    GLOBAL_LIST.add(x);
    Array lnX = Jnp.log(x);
    Array ln2 = Jnp.log(2.0);
    return lnX.div(ln2);
  }

  public static Array log2WithPrint(Array x) {
    System.out.println("printed x: " + x);
    Array lnX = Jnp.log(x);
    Array ln2 = Jnp.log(2.0);
    return lnX.div(ln2);
  }

  /** Rank is static, so this Java {@code if} is decided while tracing and only the branch taken is recorded. */
  public static Array log2IfRank2(Array x) {
    if (x.ndim() == 2) {
      Array lnX = Jnp.log(x);
      Array ln2 = Jnp.log(2.0);
      return lnX.div(ln2);
    } else {
      return x;
    }
  }

  /** {@code selu(x, alpha=1.67, lambda_=1.05)}. */
  public static Array selu(Array x) {
    double alpha = 1.67;
    double lambda = 1.05;
    return Jnp.where(x.gt(0), x, Jnp.exp(x).mul(alpha).sub(alpha)).mul(lambda);
  }

  /** Branches on a value: fine eagerly, a {@code TracerBoolConversionException} under jit. */
  public static Array f(Array x) {
    if (x.gt(0).bool()) {
      return x;
    } else {
      return x.mul(2);
    }
  }

  /** A while loop whose bound is a traced value: fine eagerly, an error under jit. */
  public static Array g(Array x, Array n) {
    Array i = Jnp.scalar(0);
    while (Jnp.less(i, n).bool()) {
      i = i.add(1);
    }
    return x.add(i);
  }

  /** Branches on dtype, which is static: allowed under jit. (Olympus has no bfloat16; f64 plays its part.) */
  public static Array gOnDtype(Array x, Array y) {
    if (x.dtype() == DType.F64) {
      return x;
    } else {
      return y;
    }
  }

  public static Array loopBody(Array prevI) {
    return prevI.add(1);
  }

  /** {@code g} with {@code n} a Java int: jitted with {@code n} static, the loop runs while tracing. */
  public static Array gStaticN(Array x, int n) {
    int i = 0;
    while (i < n) {
      i += 1;
    }
    return x.add(i);
  }

  /** The seed's {@code unjitted_loop_body}, jitted afresh inside loops in the caching cell. */
  public static Array unjittedLoopBody(Array prevI) {
    return prevI.add(1);
  }

  /** {@code unjitted_loop_body} with its step as a parameter, for the {@code functools.partial} variant. */
  public static Array addStep(Array prevI, int step) {
    return prevI.add(step);
  }

  /** {@code (-b + sqrt(b**2 - 4*a)) / (2*a)}: the NumPy function, ported by changing only the namespace. */
  public static Array quadraticFormula(Array a, Array b) {
    return b.neg().add(Jnp.sqrt(b.pow(2).sub(a.mul(4)))).div(a.mul(2));
  }

  /** The talk's {@code fun(x) = 2 + sin(x)}, differentiated in cells 12 and 13. */
  public static Array fun(Array x) {
    return Jnp.add(Jnp.literal(2.0), Jnp.sin(x));
  }

  /** A Java loop over a static bound: unrolled into the IR, one set of equations per iteration. */
  public static Array unrolled(Array x, int steps) {
    for (int k = 0; k < steps; k++) {
      x = x.mul(0.5).add(1);
    }
    return x;
  }
}
