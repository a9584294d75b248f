package dev.olympus.difftest.reference;

import dev.olympus.difftest.program.Ty;

/**
 * A value of the derivative reference, per element: its value (in double, as mathematics has it: no rounding to
 * the dtype), a first-order bound {@code err} on how far Olympus' value (rounded to the dtype at every op) may be
 * from it, and for each element of the differentiated input the derivative {@code d}, its magnitude {@code m}
 * (the same sum over paths with every partial replaced by its size before cancellation) and a first-order bound
 * {@code e} on the error of a computed derivative (rounding in the partials, and partials evaluated at a primal
 * that is off by {@code err}). Integer and bool values carry zero derivatives, as JAX's float0 tangents are.
 */
public final class Dual {
  public final Ty type;
  final double[] v;
  final double[] err;
  final double[][] d;
  final double[][] m;
  final double[][] e;

  Dual(Ty type, double[] v, double[] err, double[][] d, double[][] m, double[][] e) {
    if (v.length != type.size()) throw new IllegalArgumentException(v.length + " values for " + type);
    this.type = type;
    this.v = v;
    this.err = err;
    this.d = d;
    this.m = m;
    this.e = e;
  }

  static Dual constant(Ty type, double[] v, int directions) {
    int n = v.length;
    return new Dual(type, v, new double[n], new double[n][directions], new double[n][directions], new double[n][directions]);
  }

  int directions() { return d.length == 0 ? 0 : d[0].length; }

  Dual retyped(Ty t) { return new Dual(t, v, err, d, m, e); }

  Dual gather(Ty t, int[] index) {
    int n = index.length;
    double[] nv = new double[n], ne = new double[n];
    double[][] nd = new double[n][], nm = new double[n][], nee = new double[n][];
    for (int k = 0; k < n; k++) {
      nv[k] = v[index[k]];
      ne[k] = err[index[k]];
      nd[k] = d[index[k]];
      nm[k] = m[index[k]];
      nee[k] = e[index[k]];
    }
    return new Dual(t, nv, ne, nd, nm, nee);
  }

  public double value(int i) { return v[i]; }

  public double derivative(int i, int direction) { return d[i][direction]; }

  public double magnitude(int i, int direction) { return m[i][direction]; }

  public double derivativeError(int i, int direction) { return e[i][direction]; }
}
