package dev.olympus.ir;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.numpy.Jnp;
import dev.olympus.transform.Staging;
import org.junit.jupiter.api.Test;

class SmokeTest {
  static Array log2(Array x) {
    Array lnX = Jnp.log(x);
    Array ln2 = Jnp.log(2.0);
    return lnX.div(ln2);
  }

  static Array selu(Array x) {
    double alpha = 1.67, lambda = 1.05;
    return Jnp.where(x.gt(0), x, Jnp.exp(x).mul(alpha).sub(alpha)).mul(lambda);
  }

  @Test
  void smoke() {
    System.out.println(Staging.makeIr((Fn1<Array, Array>) SmokeTest::log2, 3.0f));
    System.out.println(Staging.makeIr((Fn1<Array, Array>) SmokeTest::selu, Jnp.arange(5)));
    System.out.println(Staging.makeIr((Fn1<Array, Array>) SmokeTest::selu, Jnp.array(1f, 2f)));
    System.out.println(selu(Jnp.arange(5)));
    System.out.println(Jnp.linspace(0, 1, 5));
    System.out.println(Jnp.matmul(Jnp.arange(6).reshape(2, 3), Jnp.arange(6).reshape(3, 2)));
    System.out.println(Jnp.array(new float[]{1, 2, 3, 4, 5, 6}, 2, 3).sum(0));
    System.out.println(Jnp.array(new float[]{0.5403023f, -0.41614684f, -0.9899925f}, 3));
    System.out.println(Staging.makeIr((Fn1<Array, Array>) x -> Jnp.sum(Jnp.array(1f,2f,3f).mul(x)), Jnp.array(1f, 2f, 3f)));
  }
}
