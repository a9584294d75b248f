package com.example.quickstart;

import dev.olympus.Array;
import dev.olympus.annotations.Jit;
import dev.olympus.numpy.Jnp;

/**
 * European call options priced with the Black-Scholes formula. javac traces {@link #call} into one fused
 * loop over every option, generated into {@code Pricing_Jit}; calling {@code Pricing.call} directly runs the
 * same code eagerly, op by op.
 */
public final class Pricing {
  private Pricing() {}

  /** The risk-free rate and the volatility, both per year. */
  static final double RATE = 0.02;
  static final double VOLATILITY = 0.3;

  /** The price of a call on a stock at {@code spot} with exercise price {@code strike}, {@code years} ahead. */
  @Jit
  public static Array call(Array spot, Array strike, Array years) {
    Array sigmaRootT = Jnp.sqrt(years).mul(VOLATILITY);
    Array d1 = Jnp.log(spot.div(strike)).add(years.mul(RATE + 0.5 * VOLATILITY * VOLATILITY)).div(sigmaRootT);
    Array d2 = d1.sub(sigmaRootT);
    Array discountedStrike = strike.mul(Jnp.exp(years.mul(-RATE)));
    return spot.mul(normalCdf(d1)).sub(discountedStrike.mul(normalCdf(d2)));
  }

  /**
   * The standard normal distribution function, by Abramowitz and Stegun's polynomial 26.2.17 (absolute error
   * below 7.5e-8, under float32's resolution of the prices), as the classic Black-Scholes kernels compute it.
   */
  static Array normalCdf(Array d) {
    Array k = Jnp.abs(d).mul(0.2316419).add(1.0);
    k = Jnp.divide(Jnp.ones(d.dtype()), k);
    Array poly = k.mul(1.330274429).add(-1.821255978).mul(k).add(1.781477937).mul(k).add(-0.356563782).mul(k)
        .add(0.319381530).mul(k);
    Array upper = Jnp.exp(d.mul(d).mul(-0.5)).mul(0.3989422804014327).mul(poly).neg().add(1.0);
    return Jnp.where(d.lt(0), upper.neg().add(1.0), upper);
  }
}
