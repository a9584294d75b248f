package dev.olympus.examples.transformer;

import dev.olympus.Array;
import dev.olympus.Olympus;
import dev.olympus.ValueAndGrad;
import dev.olympus.annotations.Jit;
import dev.olympus.annotations.Shape;
import dev.olympus.nn.Nn;
import dev.olympus.numpy.Jnp;
import java.util.ArrayList;
import java.util.List;

/**
 * A pre-norm transformer encoder block (Vaswani et al. 2017, with the layer norms before each sublayer as in
 * GPT-2): multi-head self-attention written with {@code Jnp.einsum}, then a GELU MLP, each added back to its
 * input. Model width 16, 4 heads of 4, MLP width 32; any batch {@code b} and sequence length {@code t}. Both
 * {@code @Jit} methods get javac-time kernels (see {@code Encoder_Jit.java}), the gradient included.
 */
public final class Encoder {
  private Encoder() {}

  /** Width, heads, head size: the attention's scale {@code 1 / sqrt(K)} is a constant of the kernel. */
  static final int D = 16, H = 4, K = 4, F = 32;

  /** The block's weights; {@link #weights()} and {@link #of} convert to and from a list, the gradient's shape. */
  public record Block(@Shape("f32[16]") Array ln1Scale, @Shape("f32[16]") Array ln1Bias,
      @Shape("f32[16,4,4]") Array wq, @Shape("f32[16,4,4]") Array wk, @Shape("f32[16,4,4]") Array wv,
      @Shape("f32[4,4,16]") Array wo, @Shape("f32[16]") Array ln2Scale, @Shape("f32[16]") Array ln2Bias,
      @Shape("f32[16,32]") Array w1, @Shape("f32[32]") Array b1, @Shape("f32[32,16]") Array w2,
      @Shape("f32[16]") Array b2) {
    public List<Array> weights() {
      return List.of(ln1Scale, ln1Bias, wq, wk, wv, wo, ln2Scale, ln2Bias, w1, b1, w2, b2);
    }

    public static Block of(List<Array> w) {
      return new Block(w.get(0), w.get(1), w.get(2), w.get(3), w.get(4), w.get(5), w.get(6), w.get(7), w.get(8),
          w.get(9), w.get(10), w.get(11));
    }
  }

  /** The block applied to {@code x}, f32[b, t, 16]. */
  @Jit
  public static Array apply(Block p, @Shape("f32[b,t,16]") Array x) {
    Array h = x.add(attention(p, Nn.layerNorm(x, p.ln1Scale(), p.ln1Bias())));
    Array hidden = Nn.gelu(Nn.dense(Nn.layerNorm(h, p.ln2Scale(), p.ln2Bias()), p.w1(), p.b1()));
    return h.add(Nn.dense(hidden, p.w2(), p.b2()));
  }

  /** Multi-head self-attention: scores per head {@code q k^T / sqrt(K)}, softmax over the keys, values mixed. */
  static Array attention(Block p, Array x) {
    Array q = Jnp.einsum("btd,dhk->bhtk", x, p.wq());
    Array k = Jnp.einsum("btd,dhk->bhtk", x, p.wk());
    Array v = Jnp.einsum("btd,dhk->bhtk", x, p.wv());
    Array weights = Nn.softmax(Jnp.einsum("bhtk,bhsk->bhts", q, k).mul(1 / Math.sqrt(K)));
    Array mixed = Jnp.einsum("bhts,bhsk->bthk", weights, v);
    return Jnp.einsum("bthk,hkd->btd", mixed, p.wo());
  }

  /** Mean squared distance of the block's output from {@code target}. */
  static Array loss(Block p, Array x, Array target) {
    return Jnp.mean(Jnp.square(apply(p, x).sub(target)));
  }

  /**
   * The loss and its gradient with respect to every weight (in {@link Block#weights()} order), from one
   * {@code Olympus.valueAndGrad}: element 0 is the loss, then one gradient per weight.
   */
  @Jit
  public static List<Array> lossAndGrad(Block p, @Shape("f32[b,t,16]") Array x, @Shape("f32[b,t,16]") Array target) {
    ValueAndGrad<List<Array>> vg = Olympus.valueAndGrad((List<Array> w) -> loss(Block.of(w), x, target))
        .apply(p.weights());
    List<Array> out = new ArrayList<>();
    out.add(vg.value());
    out.addAll(vg.grad());
    return out;
  }
}
