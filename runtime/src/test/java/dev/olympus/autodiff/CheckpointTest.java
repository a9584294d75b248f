package dev.olympus.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Olympus;
import dev.olympus.ir.ClosedIr;
import dev.olympus.ir.Equation;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Olympus.checkpoint} ({@code jax.checkpoint}): the IR text JAX 0.10.2 prints for the same programs
 * ({@code jax.make_jaxpr} of {@code jax.checkpoint(lambda x: jnp.sin(jnp.sin(x)))} and its grad, jvp and
 * vmap), and values equal to the function without the checkpoint, eagerly and under jit, grad, vmap and scan.
 */
class CheckpointTest {
  static final Fn1<Array, Array> SIN_SIN = x -> Jnp.sin(Jnp.sin(x));
  static final Array ONE = Jnp.scalar(1.0f);

  @Test
  void printsAsJaxsRemat() {
    assertEquals("""
        { lambda ; a:f32[]. let
            b:f32[] = remat2[
              differentiated=False
              jaxpr={ lambda ; c:f32[]. let d:f32[] = sin c; e:f32[] = sin d in (e,) }
              policy=None
              prevent_cse=True
            ] a
          in (b,) }""", Olympus.makeIr(Olympus.checkpoint(SIN_SIN), ONE).toString());
  }

  /**
   * Reverse mode keeps nothing of the block: the forward values are computed inline (only the output is
   * kept), and the backward {@code remat2} reads the block's input and the cotangent alone, recomputing
   * {@code sin a} and the cosines inside.
   */
  @Test
  void gradRecomputesInTheBackwardPassAsJaxDoes() {
    assertEquals("""
        { lambda ; a:f32[]. let
            b:f32[] = sin a
            _:f32[] = sin b
            c:f32[] = remat2[
              differentiated=True
              jaxpr={ lambda ; d:f32[] e:f32[]. let
                  f:f32[] = sin d
                  g:f32[] = cos d
                  h:f32[] = cos f
                  i:f32[] = mul e h
                  j:f32[] = mul i g
                in (j,) }
              policy=None
              prevent_cse=True
            ] a 1.0:f32[]
          in (c,) }""", Olympus.makeIr(Olympus.grad(Olympus.checkpoint(SIN_SIN)), ONE).toString());
  }

  @Test
  void jvpIsACheckpointOfTheJvp() {
    Fn1<Array, Array> f = Olympus.checkpoint(SIN_SIN);
    Fn1<Array, List<Array>> jvp = x -> {
      var pt = Olympus.jvp(f, x, Jnp.scalar(1.0f));
      return List.of(pt.primal(), pt.tangent());
    };
    assertEquals("""
        { lambda ; a:f32[]. let
            b:f32[] c:f32[] = remat2[
              differentiated=False
              jaxpr={ lambda ; d:f32[] e:f32[]. let
                  f:f32[] = sin d
                  g:f32[] = cos d
                  h:f32[] = mul e g
                  i:f32[] = sin f
                  j:f32[] = cos f
                  k:f32[] = mul h j
                in (i, k) }
              policy=None
              prevent_cse=True
            ] a 1.0:f32[]
          in (b, c) }""", Olympus.makeIr(jvp, ONE).toString());
    var pt = Olympus.jvp(f, Jnp.scalar(0.3f), Jnp.scalar(2.0f));
    assertEquals(Math.sin(Math.sin(0.3)), pt.primal().doubleValue(), 1e-6);
    assertEquals(2 * Math.cos(Math.sin(0.3)) * Math.cos(0.3), pt.tangent().doubleValue(), 1e-6);
  }

  @Test
  void vmapIsACheckpointOfTheBatchedIr() {
    Array xs = Jnp.ones(DType.F32, 3);
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:f32[3] = remat2[
              differentiated=False
              jaxpr={ lambda ; c:f32[3]. let d:f32[3] = sin c; e:f32[3] = sin d in (e,) }
              policy=None
              prevent_cse=True
            ] a
          in (b,) }""", Olympus.makeIr(Olympus.vmap(Olympus.checkpoint(SIN_SIN)), xs).toString());
    Array x = Jnp.array(new float[] {0.1f, -2f, 3f});
    assertArrayEquals(Olympus.vmap(Olympus.grad(SIN_SIN)).apply(x).toFloatArray(),
        Olympus.vmap(Olympus.grad(Olympus.checkpoint(SIN_SIN))).apply(x).toFloatArray());
  }

  /**
   * The recomputation runs the forward ops again on the same inputs, so the gradient is the un-checkpointed one
   * bit for bit; both equal the closed form cos(sin x) cos x to float32 rounding of a few ops (1e-6).
   */
  @Test
  void gradientsEqualTheUncheckpointedOnesEagerlyAndUnderJit() {
    Array x = Jnp.array(new float[] {0.5f, -1.25f, 2f, 7f});
    Fn1<Array, Array> loss = v -> Jnp.sum(SIN_SIN.apply(v));
    Fn1<Array, Array> checkpointed = v -> Jnp.sum(Olympus.checkpoint(SIN_SIN).apply(v));
    float[] plain = Olympus.grad(loss).apply(x).toFloatArray();
    assertArrayEquals(plain, Olympus.grad(checkpointed).apply(x).toFloatArray());
    float[] jitted = Olympus.jit(Olympus.grad(checkpointed)).apply(x).toFloatArray();
    float[] xs = x.toFloatArray();
    for (int i = 0; i < xs.length; i++) {
      assertEquals(Math.cos(Math.sin(xs[i])) * Math.cos(xs[i]), jitted[i], 1e-6, "x = " + xs[i]);
    }
    // Two calls of sin at different moments: the f32 transcendental tier may switch to SVML between them, which
    // moves a result by one ulp, once (tracer/README.md). Within one call, the bitwise checks above hold.
    float[] eager = SIN_SIN.apply(x).toFloatArray();
    float[] jit = Olympus.jit(Olympus.checkpoint(SIN_SIN)).apply(x).toFloatArray();
    for (int i = 0; i < eager.length; i++) assertEquals(eager[i], jit[i], Math.ulp(eager[i]), "x = " + xs[i]);
  }

  /**
   * A block that closes over a value being differentiated (a layer's weight): the weight is an operand of the
   * checkpoint, so its gradient flows. JAX 0.10.2 prints 1.532716 for
   * {@code grad(lambda w, x: sum(checkpoint(lambda y: tanh(y * w))(x) ** 2))(0.7, arange(3.))}.
   */
  @Test
  void closedOverWeightsGetTheirGradient() {
    Fn2<Array, Array, Array> g = (w, x) -> Jnp.sum(Jnp.square(Olympus.checkpoint((Array y) -> Jnp.tanh(y.mul(w))).apply(x)));
    Array x = Jnp.arange(3).astype(DType.F32);
    double want = 0;
    for (int i = 0; i < 3; i++) {
      double t = Math.tanh(0.7 * i);
      want += 2 * t * (1 - t * t) * i;
    }
    assertEquals(1.532716, want, 1e-6);
    assertEquals(want, Olympus.grad(g).apply(Jnp.scalar(0.7f), x).doubleValue(), 1e-6);
    assertEquals(want, Olympus.jit(Olympus.grad(g)).apply(Jnp.scalar(0.7f), x).doubleValue(), 1e-6);
  }

  /** The common use: a checkpointed layer as the body of a scan over layers, and a checkpoint inside one. */
  @Test
  void checkpointedScanBodiesAndNestedCheckpoints() {
    Array ws = Jnp.array(new float[] {0.5f, -0.3f, 0.8f, 0.2f, -0.6f, 0.4f}, 3, 2);
    Array x0 = Jnp.array(new float[] {1f, -2f});
    Fn2<Array, Array, Lax.Carry<Array, Array>> layer = (h, w) -> Lax.carry(Jnp.tanh(h.mul(w)).add(h), (Array) null);
    Fn2<Array, Array, Lax.Carry<Array, Array>> remat = Olympus.checkpoint(layer);
    Fn1<Array, Array> plain = w -> Jnp.sum(Lax.scan(layer, x0, w).carry());
    Fn1<Array, Array> checkpointed = w -> Jnp.sum(Lax.scan(remat, x0, w).carry());
    float[] want = Olympus.grad(plain).apply(ws).toFloatArray();
    assertArrayEquals(want, Olympus.grad(checkpointed).apply(ws).toFloatArray(), 1e-6f);
    assertArrayEquals(want, Olympus.jit(Olympus.grad(checkpointed)).apply(ws).toFloatArray(), 1e-6f);

    Fn1<Array, Array> nested = Olympus.checkpoint((Array v) -> Jnp.exp(Olympus.checkpoint(SIN_SIN).apply(v)).mul(v));
    Array x = Jnp.array(new float[] {0.25f, 1.5f});
    Fn1<Array, Array> nestedLoss = v -> Jnp.sum(nested.apply(v));
    Fn1<Array, Array> plainLoss = v -> Jnp.sum(Jnp.exp(SIN_SIN.apply(v)).mul(v));
    float[] g = Olympus.grad(plainLoss).apply(x).toFloatArray();
    assertArrayEquals(g, Olympus.grad(nestedLoss).apply(x).toFloatArray(), 1e-6f);
    assertArrayEquals(g, Olympus.jit(Olympus.grad(nestedLoss)).apply(x).toFloatArray(), 1e-6f);
  }

  /**
   * What the memory saving is: linearizing eight tanh layers keeps a residual per layer, the checkpointed
   * block keeps only its input.
   */
  @Test
  void theLinearizationKeepsOnlyTheBlocksInputs() {
    Fn1<Array, Array> deep = v -> {
      for (int i = 0; i < 8; i++) v = Jnp.tanh(v).mul(1.5f);
      return v;
    };
    Array x = Jnp.linspace(-1, 1, 1000).astype(DType.F32);
    Linearized plain = Linearized.of("plain", in -> List.of(deep.apply(in.get(0))), List.of(x), new boolean[] {true}, List.of("x"));
    Fn1<Array, Array> remat = Olympus.checkpoint(deep);
    Linearized checkpointed = Linearized.of("checkpointed", in -> List.of(remat.apply(in.get(0))), List.of(x),
        new boolean[] {true}, List.of("x"));
    assertTrue(plain.linear().consts().size() >= 8, plain.linear().toString());
    assertEquals(1, checkpointed.linear().consts().size(), checkpointed.linear().toString());
    assertArrayEquals(x.toFloatArray(), checkpointed.linear().consts().get(0).toFloatArray());
  }

  /** Kernels run the block inline: the lowered plan has no remat2 step left, at any depth. */
  @Test
  void kernelsInlineTheBlock() {
    Fn1<Array, Array> nested = Olympus.checkpoint((Array v) -> Olympus.checkpoint(SIN_SIN).apply(v).mul(v));
    ClosedIr ir = Olympus.makeIr(Olympus.grad((Array v) -> Jnp.sum(nested.apply(v))), Jnp.ones(DType.F32, 4));
    assertTrue(ir.ir().equations().stream().anyMatch(e -> e.primitive().name().equals("remat2")));
    var inlined = dev.olympus.primitive.Checkpoint.inlined(ir.ir());
    for (Equation e : inlined.equations()) assertTrue(!e.primitive().name().equals("remat2"), e.toString());
    assertEquals(ir.ir().outputs().size(), inlined.outputs().size());
  }
}
