package dev.olympus.examples.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.Olympus;
import dev.olympus.ValueAndGrad;
import dev.olympus.random.Random;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CNN example: its javac-time kernels agree with the same methods run eagerly (forward, accuracy, and the
 * gradient with the same dropout key; 1e-5, the same float32 operations fused differently), take no run-time
 * compile, and a short seeded run (120 steps) reaches 90% held-out accuracy from chance (25%).
 */
class TrainCnnTest {
  @Test
  void javacKernelsAgreeWithEagerEvaluation() {
    Array keys = Random.split(Random.key(5), 3);
    Cnn.Params p = Cnn.init(keys.get(0));
    TrainCnn.Batch b = TrainCnn.batch(keys.get(1), 6);
    long compiles = Olympus.compileCount();
    Array logits = Cnn_Jit.logits(p, b.images());
    Array accuracy = Cnn_Jit.accuracy(p, b.images(), b.labels());
    List<Array> lossAndGrad = Cnn_Jit.lossAndGrad(p, b.images(), b.labels(), keys.get(2));
    assertEquals(compiles, Olympus.compileCount(), "every call fits its javac-time kernel");
    assertArrayEquals(Cnn.logits(p, b.images()).toFloatArray(), logits.toFloatArray(), 1e-5f);
    assertEquals(Cnn.accuracy(p, b.images(), b.labels()).doubleValue(), accuracy.doubleValue(), 0);
    ValueAndGrad<List<Array>> eager = Olympus.valueAndGrad(
        (List<Array> w) -> Cnn.loss(Cnn.Params.of(w), b.images(), b.labels(), keys.get(2))).apply(p.weights());
    assertEquals(eager.value().doubleValue(), lossAndGrad.get(0).doubleValue(), 1e-5);
    for (int i = 0; i < eager.grad().size(); i++) {
      assertArrayEquals(eager.grad().get(i).toFloatArray(), lossAndGrad.get(i + 1).toFloatArray(), 1e-5f, "weight " + i);
    }
  }

  @Test
  void aShortRunLearnsThePatternsWithoutRunTimeCompiles() {
    TrainCnn.Run run = TrainCnn.train(120, 0, false);
    assertTrue(run.accuracy() > 0.9, run.toString());
    assertTrue(run.finalLoss() < 0.3 * run.initialLoss(), run.toString());
    assertEquals(0, run.compiles(), run.toString());
  }
}
