package dev.olympus.difftest.program;

import dev.olympus.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One node of a generated program: an operation and the values it reads (indices into the program's values:
 * inputs first, then nodes). Each node produces one value; its type is computed by the test's own type rules.
 * Arrays in the records are treated as immutable.
 */
public sealed interface Expr {
  /** The values this node reads directly (not those its bodies capture, which are listed in the bodies). */
  int[] reads();

  record Unary(UnaryOp op, Api api, int x) implements Expr {
    public int[] reads() { return new int[] {x}; }
  }

  record Binary(BinaryOp op, Api api, Operand a, Operand b) implements Expr {
    public int[] reads() { return refs(a, b); }
  }

  /** {@code x ** n} for a Java int {@code n}: {@code Jnp.power(x, n)}, {@code x.pow(n)}, {@code Lax.integerPow}. */
  record IntPow(Api api, int x, int n) implements Expr {
    public int[] reads() { return new int[] {x}; }
  }

  /** {@code Jnp.square(x)}. */
  record Square(int x) implements Expr {
    public int[] reads() { return new int[] {x}; }
  }

  record Clip(int x, double lo, double hi) implements Expr {
    public int[] reads() { return new int[] {x}; }
  }

  record Where(int cond, Operand x, Operand y) implements Expr {
    public int[] reads() { return refs(Operand.ref(cond), x, y); }
  }

  /** A reduction over {@code axes} (all axes when empty); axes may be negative, counting from the end. */
  record Reduce(ReduceOp op, Api api, int x, int[] axes) implements Expr {
    public int[] reads() { return new int[] {x}; }
  }

  /** {@code x.reshape(shape)}; one entry may be -1 (inferred). */
  record Reshape(int x, int[] shape) implements Expr {
    public int[] reads() { return new int[] {x}; }
  }

  /** {@code x.transpose(perm)}; a null permutation is {@code x.T()}. */
  record Transpose(int x, int[] perm) implements Expr {
    public int[] reads() { return new int[] {x}; }
  }

  record BroadcastTo(int x, int[] shape) implements Expr {
    public int[] reads() { return new int[] {x}; }
  }

  record ExpandDims(int x, int axis) implements Expr {
    public int[] reads() { return new int[] {x}; }
  }

  record Squeeze(int x, int[] axes) implements Expr {
    public int[] reads() { return new int[] {x}; }
  }

  /** {@code Jnp.slice(x, axis, start, stop, step)}: {@code x[start:stop:step]} along one axis. */
  record Slice(int x, int axis, int start, int stop, int step) implements Expr {
    public int[] reads() { return new int[] {x}; }
  }

  record Concatenate(int[] xs, int axis) implements Expr {
    public int[] reads() { return xs.clone(); }
  }

  record Stack(int[] xs, int axis) implements Expr {
    public int[] reads() { return xs.clone(); }
  }

  record Dot(int a, int b) implements Expr {
    public int[] reads() { return new int[] {a, b}; }
  }

  record Matmul(int a, int b) implements Expr {
    public int[] reads() { return new int[] {a, b}; }
  }

  record Astype(int x, DType dtype) implements Expr {
    public int[] reads() { return new int[] {x}; }
  }

  /** {@code Jnp.arange(n, dtype)}: a constant of the trace. */
  record Arange(int n, DType dtype) implements Expr {
    public int[] reads() { return new int[0]; }
  }

  /** {@code Jnp.full(dtype, value, shape)}. */
  record Full(DType dtype, double value, int[] shape) implements Expr {
    public int[] reads() { return new int[0]; }
  }

  /** {@code Lax.cond(pred, ifTrue, ifFalse, operand)}. */
  record Cond(int pred, int operand, Body ifTrue, Body ifFalse) implements Expr {
    public int[] reads() { return new int[] {pred, operand}; }
  }

  /** {@code Lax.foriLoop(lower, upper, (i, c) -> body, init)} with Java int bounds. */
  record ForiLoop(int lower, int upper, int init, Body body) implements Expr {
    public int[] reads() { return new int[] {init}; }
  }

  /**
   * {@code Lax.scan((c, x) -> carry(c', y), init, xs, -1, reverse)}; the node's value is the final carry, or the
   * stacked ys when {@code ys}.
   */
  record Scan(int init, int xs, Body body, boolean reverse, boolean ys) implements Expr {
    public int[] reads() { return new int[] {init, xs}; }
  }

  /**
   * The function a control-flow primitive traces: a program whose inputs are the primitive's arguments (operand;
   * counter and carry; carry and x) followed by the enclosing program's values it closes over, {@code captures}.
   * Its outputs are the function's results (scan: the new carry, then y).
   */
  record Body(Program program, int[] captures) {
    public int arguments() { return program.inputs().size() - captures.length; }
  }

  private static int[] refs(Operand... ops) {
    List<Integer> r = new ArrayList<>();
    for (Operand o : ops) if (o instanceof Operand.Ref ref) r.add(ref.index());
    return r.stream().mapToInt(Integer::intValue).toArray();
  }

  /** All values read, including those captured by bodies. */
  static int[] allReads(Expr e) {
    int[] r = e.reads();
    List<Expr.Body> bodies = bodies(e);
    for (Body b : bodies) {
      int[] c = b.captures();
      int[] m = Arrays.copyOf(r, r.length + c.length);
      System.arraycopy(c, 0, m, r.length, c.length);
      r = m;
    }
    return r;
  }

  static List<Body> bodies(Expr e) {
    if (e instanceof Cond c) return List.of(c.ifTrue(), c.ifFalse());
    if (e instanceof ForiLoop f) return List.of(f.body());
    if (e instanceof Scan s) return List.of(s.body());
    return List.of();
  }
}
