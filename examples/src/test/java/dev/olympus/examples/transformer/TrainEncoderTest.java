package dev.olympus.examples.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.Olympus;
import dev.olympus.ValueAndGrad;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The encoder example: its javac-time kernels agree with the same methods traced at run time (forward and
 * gradient, 1e-5: the same float32 operations, fused differently), take no run-time compile, and a short
 * training run (80 steps) cuts the loss by more than a third (seeded, so the run is the same every time).
 */
class TrainEncoderTest {
  @Test
  void javacKernelsAgreeWithRunTimeTracing() {
    Random random = new Random(3);
    Encoder.Block p = TrainEncoder.init(random, 1.0);
    Array x = TrainEncoder.gaussian(random, 1.0, 4, 5, Encoder.D);
    Array target = TrainEncoder.gaussian(random, 1.0, 4, 5, Encoder.D);
    long compiles = Olympus.compileCount();
    Array out = Encoder_Jit.apply(p, x);
    List<Array> lossAndGrad = Encoder_Jit.lossAndGrad(p, x, target);
    assertEquals(compiles, Olympus.compileCount(), "both calls fit their javac-time kernels");
    assertArrayEquals(Encoder.apply(p, x).toFloatArray(), out.toFloatArray(), 1e-5f);
    ValueAndGrad<List<Array>> eager = Olympus.valueAndGrad((List<Array> w) -> Encoder.loss(Encoder.Block.of(w), x,
        target)).apply(p.weights());
    assertEquals(eager.value().toFloatArray()[0], lossAndGrad.get(0).toFloatArray()[0], 1e-5);
    for (int i = 0; i < eager.grad().size(); i++) {
      assertArrayEquals(eager.grad().get(i).toFloatArray(), lossAndGrad.get(i + 1).toFloatArray(), 1e-5f, "weight " + i);
    }
  }

  @Test
  void eightyStepsCutTheLossByAThirdWithoutRunTimeCompiles() {
    TrainEncoder.Run run = TrainEncoder.train(80, 7, false);
    assertTrue(run.finalLoss() < 0.65 * run.initialLoss(), run.toString());
    assertEquals(0, run.compiles(), run.toString());
  }
}
