"""Reference values for the quickstart's Black-Scholes output: float64 arithmetic with the exact normal
distribution function (math.erf), independent of Olympus and of the polynomial the quickstart uses.
The inputs are the quickstart's: linspace(50, 150, n) spots, strike 100, linspace(1, 2, n) years.

Run: python3 black_scholes_reference.py   (prints the values that verify.groovy checks)
"""
import math

n = 1_000_000
rate, vol = 0.02, 0.3


def linspace(lo, hi, i):
    return lo + (hi - lo) * i / (n - 1)


def cdf(d):
    return 0.5 * (1.0 + math.erf(d / math.sqrt(2.0)))


def call(i):
    s, k, t = linspace(50.0, 150.0, i), 100.0, linspace(1.0, 2.0, i)
    srt = vol * math.sqrt(t)
    d1 = (math.log(s / k) + (rate + 0.5 * vol * vol) * t) / srt
    return s * cdf(d1) - k * math.exp(-rate * t) * cdf(d1 - srt)


print(f"mean {math.fsum(call(i) for i in range(n)) / n:.6f}")
for i in (0, n // 2, n - 1):
    print(f"call {i} {call(i):.6f}")
