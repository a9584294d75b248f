package dev.olympus.difftest.program;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.Olympus;
import dev.olympus.ir.ClosedIr;
import java.util.List;

/**
 * A program as an Olympus function value of one to three Array arguments ({@code Fn1}..{@code Fn3}), so each
 * transformation sees ordinary user functions: one argument per input (vmap's in_axes are per argument), results
 * as a List (a pytree), or the first result alone for grad.
 */
public final class Functions {
  private Functions() {}

  /** {@code (v0, v1, ...) -> List.of(outputs...)}. */
  public static Object of(Program p) {
    return switch (p.inputs().size()) {
      case 1 -> (Fn1<Array, List<Array>>) a -> OlympusCalls.run(p, List.of(a));
      case 2 -> (Fn2<Array, Array, List<Array>>) (a, b) -> OlympusCalls.run(p, List.of(a, b));
      case 3 -> (Fn3<Array, Array, Array, List<Array>>) (a, b, c) -> OlympusCalls.run(p, List.of(a, b, c));
      default -> throw new IllegalArgumentException("1 to 3 inputs");
    };
  }

  /** {@code (v0, v1, ...) -> output 0}, for grad. */
  public static Object scalar(Program p) {
    return switch (p.inputs().size()) {
      case 1 -> (Fn1<Array, Array>) a -> OlympusCalls.run(p, List.of(a)).get(0);
      case 2 -> (Fn2<Array, Array, Array>) (a, b) -> OlympusCalls.run(p, List.of(a, b)).get(0);
      case 3 -> (Fn3<Array, Array, Array, Array>) (a, b, c) -> OlympusCalls.run(p, List.of(a, b, c)).get(0);
      default -> throw new IllegalArgumentException("1 to 3 inputs");
    };
  }

  // Dispatch is by the number of arguments, never by instanceof: a transformed function may implement every FnN.

  @SuppressWarnings("unchecked")
  public static Object call(Object fn, List<Array> args) {
    return switch (args.size()) {
      case 1 -> ((Fn1<Array, Object>) fn).apply(args.get(0));
      case 2 -> ((Fn2<Array, Array, Object>) fn).apply(args.get(0), args.get(1));
      default -> ((Fn3<Array, Array, Array, Object>) fn).apply(args.get(0), args.get(1), args.get(2));
    };
  }

  @SuppressWarnings("unchecked")
  public static List<Array> callList(Object fn, List<Array> args) { return (List<Array>) call(fn, args); }

  @SuppressWarnings("unchecked")
  public static Object jit(Object fn, int arity) {
    return switch (arity) {
      case 1 -> Olympus.jit((Fn1<Array, Object>) fn);
      case 2 -> Olympus.jit((Fn2<Array, Array, Object>) fn);
      default -> Olympus.jit((Fn3<Array, Array, Array, Object>) fn);
    };
  }

  /** {@code Olympus.grad}, with respect to the first argument. */
  @SuppressWarnings("unchecked")
  public static Object grad(Object fn, int arity) {
    return switch (arity) {
      case 1 -> Olympus.grad((Fn1<Array, Array>) fn);
      case 2 -> Olympus.grad((Fn2<Array, Array, Array>) fn);
      default -> Olympus.grad((Fn3<Array, Array, Array, Array>) fn);
    };
  }

  @SuppressWarnings("unchecked")
  public static Object vmap(Object fn, int[] inAxes) {
    return switch (inAxes.length) {
      case 1 -> Olympus.vmap((Fn1<Array, Object>) fn, inAxes);
      case 2 -> Olympus.vmap((Fn2<Array, Array, Object>) fn, inAxes);
      default -> Olympus.vmap((Fn3<Array, Array, Array, Object>) fn, inAxes);
    };
  }

  @SuppressWarnings("unchecked")
  public static ClosedIr makeIr(Object fn, List<Array> args) {
    Object[] a = args.toArray();
    return switch (a.length) {
      case 1 -> Olympus.makeIr((Fn1<Array, Object>) fn, a);
      case 2 -> Olympus.makeIr((Fn2<Array, Array, Object>) fn, a);
      default -> Olympus.makeIr((Fn3<Array, Array, Array, Object>) fn, a);
    };
  }
}
