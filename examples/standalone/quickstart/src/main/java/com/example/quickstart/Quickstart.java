package com.example.quickstart;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Olympus;
import dev.olympus.numpy.Jnp;
import java.io.File;
import java.util.Random;
import java.util.TreeSet;

/**
 * An application that uses Olympus as any user would: it depends on the published jars, javac generates
 * {@code Pricing_Jit} and {@code Model_Jit}, and it calls those. It prints what its build checks.
 */
public final class Quickstart {
  private Quickstart() {}

  static final int OPTIONS = 1_000_000;

  public static void main(String[] args) {
    System.out.println("vector api: " + (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
        ? "on" : "off (scalar loops)"));
    System.out.println("class path: " + classPathJars());
    Array[] options = options();
    float[] price = Pricing_Jit.call(options[0], options[1], options[2]).toFloatArray();
    printPrices(price);
    trainMlp();
    System.out.println("run-time compiles: " + Olympus.compileCount());
    // The same function traced and compiled at run time instead (these are the kernels that use the Vector API
    // when the JVM has it): it agrees with javac's kernel to float32 rounding.
    float[] again = Olympus.jit(Pricing::call).apply(options[0], options[1], options[2]).toFloatArray();
    double worst = 0;
    for (int i = 0; i < price.length; i++) worst = Math.max(worst, Math.abs(again[i] - price[i]));
    System.out.println("black-scholes: Olympus.jit agrees with Pricing_Jit within 1e-4: " + (worst <= 1e-4));
  }

  /** A million calls: spot prices from 50 to 150 around a strike of 100, with one to two years to run. */
  static Array[] options() {
    return new Array[] {Jnp.linspace(50.0, 150.0, OPTIONS), Jnp.full(DType.F32, 100.0, OPTIONS),
        Jnp.linspace(1.0, 2.0, OPTIONS)};
  }

  /** Prices from the one fused loop that javac generated. */
  static void printPrices(float[] price) {
    double sum = 0;
    for (float p : price) sum += p;
    System.out.printf("black-scholes: %d calls, mean price %.4f%n", price.length, sum / price.length);
    for (int i : new int[] {0, OPTIONS / 2, OPTIONS - 1}) {
      System.out.printf("black-scholes: call %d price %.4f%n", i, price[i]);
    }
  }

  /** Three interleaved spiral arms, one per class, learned by full-batch gradient descent. */
  static void trainMlp() {
    int perClass = 100;
    int n = 3 * perClass;
    float[] x = new float[n * 2];
    float[] labels = new float[n * 3];
    Random random = new Random(7);
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < perClass; i++) {
        int row = k * perClass + i;
        double r = (double) i / perClass;
        double angle = 4.0 * (k + r) + 0.2 * random.nextGaussian();
        x[row * 2] = (float) (r * Math.sin(angle));
        x[row * 2 + 1] = (float) (r * Math.cos(angle));
        labels[row * 3 + k] = 1;
      }
    }
    Array xs = Jnp.array(x, n, 2);
    Array ys = Jnp.array(labels, n, 3);
    Model.Params p = new Model.Params(normal(random, 2, 64), Jnp.zeros(DType.F32, 64), normal(random, 64, 64),
        Jnp.zeros(DType.F32, 64), normal(random, 64, 3), Jnp.zeros(DType.F32, 3));
    System.out.printf("mlp: initial loss %.4f%n", Model_Jit.loss(p, xs, ys).floatValue());
    for (int step = 0; step < 2000; step++) p = Model_Jit.step(p, xs, ys);
    System.out.printf("mlp: final loss %.4f%n", Model_Jit.loss(p, xs, ys).floatValue());
    System.out.printf("mlp: train accuracy %.1f%%%n", 100 * accuracy(Model.logits(p, xs), labels));
  }

  /** He initialisation: N(0, 2 / fan-in). */
  static Array normal(Random random, int rows, int cols) {
    float[] w = new float[rows * cols];
    for (int i = 0; i < w.length; i++) w[i] = (float) (random.nextGaussian() * Math.sqrt(2.0 / rows));
    return Jnp.array(w, rows, cols);
  }

  static double accuracy(Array logits, float[] oneHot) {
    float[] z = logits.toFloatArray();
    int right = 0;
    int rows = z.length / 3;
    for (int i = 0; i < rows; i++) {
      int best = 0;
      for (int c = 1; c < 3; c++) if (z[i * 3 + c] > z[i * 3 + best]) best = c;
      if (oneHot[i * 3 + best] == 1) right++;
    }
    return (double) right / rows;
  }

  /** The jars the application runs with, by artifact name: what its build puts on the run-time class path. */
  static String classPathJars() {
    TreeSet<String> jars = new TreeSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = new File(entry).getName();
      if (name.endsWith(".jar")) jars.add(name.replaceFirst("-[0-9][^-]*(-SNAPSHOT)?\\.jar$", ""));
    }
    return String.join(" ", jars);
  }
}
