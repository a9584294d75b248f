package dev.olympus.nn;

import dev.olympus.Array;
import dev.olympus.annotations.Jit;
import dev.olympus.annotations.Shape;
import dev.olympus.errors.ArgumentCheck;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;

/**
 * Neural-network functions ({@code jax.nn} and the common losses), written once against {@link Jnp} and
 * compiled by the Olympus annotation processor: call {@code Nn.f(x)} to run eagerly (op by op), or
 * {@code Nn_Jit.f(x)} for the fused kernel generated at javac time (its source is in
 * {@code target/generated-sources/annotations/dev/olympus/nn/Nn_Jit.java}; the IR javac traced for each
 * function is in its header). Inside another traced function both trace into the caller's IR.
 *
 * <p>Each function first checks that its arguments are not null, in plain Java the processor traces through (it
 * records no equation), so eager, traced and javac-compiled calls fail alike, naming the parameter.
 *
 * <p>Definitions follow {@code jax.nn}: the same formulas, in the same order of operations, so values agree
 * with JAX's to float32 rounding. Reductions ({@code softmax}, {@code logsumexp}, ...) run over the last axis.
 */
public final class Nn {
  private Nn() {}

  /** {@code sqrt(2 / pi)}, as {@code jax.nn.gelu} writes it. */
  private static final double SQRT_2_OVER_PI = 0.7978845608028654;
  private static final double SELU_ALPHA = 1.6732632423543772848170429916717;
  private static final double SELU_SCALE = 1.0507009873554804934193349852946;

  /** {@code max(x, 0)}. */
  @Jit
  public static Array relu(Array x) {
    ArgumentCheck.array("Nn.relu", "x", x);
    return Jnp.maximum(x, Jnp.literal(0.0));
  }

  /** The tanh approximation of the Gaussian error linear unit, {@code jax.nn.gelu(x, approximate=True)}. */
  @Jit
  public static Array gelu(Array x) {
    ArgumentCheck.array("Nn.gelu", "x", x);
    Array cdf = Jnp.tanh(x.add(Jnp.power(x, 3).mul(0.044715)).mul(SQRT_2_OVER_PI)).add(1.0).mul(0.5);
    return x.mul(cdf);
  }

  /**
   * {@code jax.nn.gelu(x, approximate)}: with {@code approximate} the tanh form ({@link #gelu(Array)}), else the
   * exact {@code (x / 2) * erfc(-x / sqrt(2))}, as JAX computes it (erfc keeps the small values of negative x that
   * {@code 1 + erf} would cancel, and halving first keeps the largest floats finite).
   */
  @Jit(staticArgs = "approximate")
  public static Array gelu(Array x, boolean approximate) {
    ArgumentCheck.array("Nn.gelu", "x", x);
    if (approximate) return gelu(x);
    return x.mul(0.5).mul(Lax.erfc(x.neg().mul(0.7071067811865476)));
  }

  /** Scaled exponential linear unit: {@code scale * where(x > 0, x, alpha * expm1(x))}. */
  @Jit
  public static Array selu(Array x) {
    ArgumentCheck.array("Nn.selu", "x", x);
    return Jnp.where(x.gt(0.0), x, Jnp.expm1(x).mul(SELU_ALPHA)).mul(SELU_SCALE);
  }

  /** {@code 1 / (1 + exp(-x))}. */
  @Jit
  public static Array sigmoid(Array x) {
    ArgumentCheck.array("Nn.sigmoid", "x", x);
    return Jnp.logistic(x);
  }

  /** {@code log(1 + exp(x))}, computed as {@code log1p(exp(-|x|)) + max(x, 0)} so it never overflows. */
  @Jit
  public static Array softplus(Array x) {
    ArgumentCheck.array("Nn.softplus", "x", x);
    return Jnp.log1p(Jnp.exp(Jnp.abs(x).neg())).add(Jnp.maximum(x, Jnp.literal(0.0)));
  }

  /** {@code x * sigmoid(x)} (also called swish). */
  @Jit
  public static Array silu(Array x) {
    ArgumentCheck.array("Nn.silu", "x", x);
    return x.mul(Jnp.logistic(x));
  }

  /** {@code exp(x) / sum(exp(x))} over the last axis, shifted by the maximum for stability. */
  @Jit
  public static Array softmax(@Shape("f32[b,n]") Array x) {
    ArgumentCheck.array("Nn.softmax", "x", x);
    Array unnormalized = Jnp.exp(x.sub(Jnp.expandDims(Jnp.max(x, -1), -1)));
    return unnormalized.div(Jnp.expandDims(Jnp.sum(unnormalized, -1), -1));
  }

  /** {@code x - logsumexp(x)} over the last axis. */
  @Jit
  public static Array logSoftmax(@Shape("f32[b,n]") Array x) {
    ArgumentCheck.array("Nn.logSoftmax", "x", x);
    Array shifted = x.sub(Jnp.expandDims(Jnp.max(x, -1), -1));
    return shifted.sub(Jnp.expandDims(Jnp.log(Jnp.sum(Jnp.exp(shifted), -1)), -1));
  }

  /** {@code log(sum(exp(x)))} over the last axis, computed as {@code max + log(sum(exp(x - max)))}. */
  @Jit
  public static Array logsumexp(@Shape("f32[b,n]") Array x) {
    ArgumentCheck.array("Nn.logsumexp", "x", x);
    Array max = Jnp.max(x, -1);
    Array shifted = x.sub(Jnp.expandDims(max, -1));
    return Jnp.log(Jnp.sum(Jnp.exp(shifted), -1)).add(max);
  }

  /**
   * Layer normalization over the last axis: {@code (x - mean) / sqrt(var + 1e-5) * gamma + beta}. The means
   * divide by {@code n}, which the javac-time kernel reads from its symbolic size: one kernel for every shape.
   */
  @Jit
  public static Array layerNorm(@Shape("f32[b,n]") Array x, @Shape("f32[n]") Array gamma, @Shape("f32[n]") Array beta) {
    ArgumentCheck.array("Nn.layerNorm", "x", x, "gamma", gamma, "beta", beta);
    Array mean = Jnp.expandDims(Jnp.mean(x, -1), -1);
    Array centered = x.sub(mean);
    Array variance = Jnp.expandDims(Jnp.mean(Jnp.square(centered), -1), -1);
    return centered.mul(Lax.rsqrt(variance.add(1e-5))).mul(gamma).add(beta);
  }

  /** A fully connected layer: {@code x @ w + bias}. */
  @Jit
  public static Array dense(@Shape("f32[b,n]") Array x, @Shape("f32[n,m]") Array w, @Shape("f32[m]") Array bias) {
    ArgumentCheck.array("Nn.dense", "x", x, "w", w, "bias", bias);
    return Jnp.matmul(x, w).add(bias);
  }

  /** Mean squared error, {@code mean((predictions - targets)^2)}. */
  @Jit
  public static Array mse(Array predictions, Array targets) {
    ArgumentCheck.array("Nn.mse", "predictions", predictions, "targets", targets);
    return Jnp.mean(Jnp.square(predictions.sub(targets)));
  }

  /**
   * Softmax cross-entropy with probability (e.g. one-hot) labels, averaged over the batch:
   * {@code -mean(sum(labels * logSoftmax(logits), -1))}, as {@code optax.softmax_cross_entropy} then a mean.
   */
  @Jit
  public static Array crossEntropy(@Shape("f32[b,n]") Array logits, @Shape("f32[b,n]") Array labels) {
    ArgumentCheck.array("Nn.crossEntropy", "logits", logits, "labels", labels);
    return Jnp.mean(Jnp.sum(labels.mul(logSoftmax(logits)), -1)).neg();
  }

  /**
   * {@code jax.nn.one_hot(labels, numClasses)}: float32 rows with a 1 at each label's class, over a new last
   * axis; a label outside {@code 0 .. numClasses - 1} (negative ones too) gives a row of zeros, as in JAX.
   */
  @Jit(staticArgs = "numClasses")
  public static Array oneHot(@Shape("i32[b]") Array labels, int numClasses) {
    ArgumentCheck.array("Nn.oneHot", "labels", labels);
    ArgumentCheck.nonNegative("Nn.oneHot", "numClasses", numClasses, "pass the number of classes, 1 or more");
    return Jnp.equal(Jnp.expandDims(labels, -1), Jnp.arange(numClasses)).astype(dev.olympus.DType.F32);
  }

  /**
   * Max pooling of an NCHW batch ({@code flax.linen.max_pool} with NCHW axes): the maximum of each
   * {@code window x window} patch of every channel, moved by {@code stride}, without padding.
   */
  @Jit(staticArgs = {"window", "stride"})
  public static Array maxPool(@Shape("f32[b,c,h,w]") Array x, int window, int stride) {
    ArgumentCheck.array("Nn.maxPool", "x", x);
    return Lax.reduceWindowMax(x, new int[] {1, 1, window, window}, new int[] {1, 1, stride, stride}, "VALID");
  }

  /**
   * Average pooling of an NCHW batch ({@code flax.linen.avg_pool} with NCHW axes): the mean of each
   * {@code window x window} patch of every channel, moved by {@code stride}, without padding.
   */
  @Jit(staticArgs = {"window", "stride"})
  public static Array avgPool(@Shape("f32[b,c,h,w]") Array x, int window, int stride) {
    ArgumentCheck.array("Nn.avgPool", "x", x);
    return Lax.reduceWindowSum(x, new int[] {1, 1, window, window}, new int[] {1, 1, stride, stride}, "VALID")
        .div(window * window);
  }
}
