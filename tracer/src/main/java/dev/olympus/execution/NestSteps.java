package dev.olympus.execution;

import dev.olympus.DType;
import dev.olympus.execution.NestOperands.Run;
import dev.olympus.execution.NestOperands.Scalar;
import dev.olympus.ir.Literal;
import dev.olympus.loopnest.Expr;
import dev.olympus.loopnest.IndexMap;
import dev.olympus.loopnest.LoopNest;
import dev.olympus.loopnest.Schedule;
import dev.olympus.simd.DoubleStrips;
import dev.olympus.simd.FloatStrips;
import dev.olympus.simd.HalfStrips;
import dev.olympus.simd.IntStrips;
import dev.olympus.simd.LongStrips;
import dev.olympus.simd.NarrowIntStrips;
import dev.olympus.simd.StripOp;

/**
 * Turns each node of a {@link Schedule} into the call of its strip operation (per strip of a row) or of its
 * scalar form (per row): the run-time kernel's instructions. Every op goes through the strip classes'
 * dispatchers to the same methods the javac-generated kernels call by name.
 */
final class NestSteps {
  private NestSteps() {}

  /** Work for the strip {@code [c0, c0 + m)} of the current row. */
  @FunctionalInterface
  interface StripStep {
    void run(NestFrame f, int c0, int m);
  }

  /** Work once per row (or once per call, for constants). */
  @FunctionalInterface
  interface RowStep {
    void run(NestFrame f);
  }

  // ---- per strip ------------------------------------------------------------------------------------------

  /**
   * The step computing element node {@code i}, or null when its value is read in place. A result of a narrow type
   * is computed in its compute type and narrowed at once ({@link Schedule#narrowing}), as {@code Primitive.run}
   * converts each op's result.
   */
  static StripStep strip(Schedule s, int i) {
    StripStep step = computed(s, i);
    Expr e = s.nest().nodes().get(i);
    // A reduction's strip step folds; its result is narrowed when finished.
    if (step == null || e instanceof Expr.Reduce) return step;
    Schedule.Narrowing n = Schedule.narrowing(s.nest(), e);
    if (n == Schedule.Narrowing.NONE) return step;
    DType d = e.dtype();
    Run o = NestOperands.run(s, i);
    StripStep narrow = switch (n) {
      case ROUND -> (f, c0, m) -> HalfStrips.round(d, (float[]) o.array(f), o.offset(f, c0), m);
      case WRAP -> d == DType.U32
          ? (f, c0, m) -> NarrowIntStrips.wrap(d, (long[]) o.array(f), o.offset(f, c0), m)
          : (f, c0, m) -> NarrowIntStrips.wrap(d, (int[]) o.array(f), o.offset(f, c0), m);
      default -> d == DType.U32
          ? (f, c0, m) -> NarrowIntStrips.saturate(d, (long[]) o.array(f), o.offset(f, c0), m)
          : (f, c0, m) -> NarrowIntStrips.saturate(d, (int[]) o.array(f), o.offset(f, c0), m);
    };
    return (f, c0, m) -> {
      step.run(f, c0, m);
      narrow.run(f, c0, m);
    };
  }

  private static StripStep computed(Schedule s, int i) {
    Expr e = s.nest().nodes().get(i);
    Schedule.Place place = s.place(i);
    if (place instanceof Schedule.Direct) return null;
    if (e instanceof Expr.Reduce) return fold(s, i);
    Run d = NestOperands.run(s, i);
    DType ct = Schedule.computeType(e.dtype());
    if (e instanceof Expr.Load l) return load(s, l, d);
    if (e instanceof Expr.Index x) return index(s, i, x, d);
    if (e instanceof Expr.Unary u) return unary(u.op(), ct, NestOperands.run(s, u.x()), d);
    if (e instanceof Expr.Binary b) return binary(s, b.op(), ct, b.x(), b.y(), d);
    if (e instanceof Expr.Compare c) return compare(s, c.op(), Schedule.computeType(c.operandDtype()), c.x(), c.y(), d);
    if (e instanceof Expr.Where w) return where(s, ct, w, d);
    if (e instanceof Expr.Convert c) {
      return convert(Schedule.computeType(s.nest().dtype(c.x())), c.x() >= 0 && s.nest().dtype(c.x()) == DType.BOOL,
          e.dtype(), NestOperands.run(s, c.x()), d);
    }
    Expr.IntegerPow p = (Expr.IntegerPow) e;
    return integerPow(ct, p.y(), NestOperands.run(s, p.x()), d);
  }

  private static StripStep load(Schedule s, Expr.Load l, Run d) {
    int slot = l.slot();
    int node = s.nest().nodes().indexOf(l);
    IndexMap map = l.map();
    int[] dims = s.nest().cols();
    int[] strides = map.colStrides();
    boolean contiguous = map.access(dims) == IndexMap.Access.CONTIGUOUS;
    DType dt = l.dtype();
    if (dt == DType.BOOL && contiguous) {
      return (f, c0, m) -> IntStrips.fromBools((boolean[]) f.arrays[slot], (int) f.base[node] + c0, (int[]) d.array(f),
          d.offset(f, c0), m);
    }
    if (HalfStrips.isHalf(dt)) {
      if (contiguous) {
        return (f, c0, m) -> HalfStrips.load(dt, (short[]) f.arrays[slot], (int) f.base[node] + c0, (float[]) d.array(f),
            d.offset(f, c0), m);
      }
      return (f, c0, m) -> HalfStrips.gather(dt, (short[]) f.arrays[slot], (int) f.base[node], dims, strides, c0,
          (float[]) d.array(f), d.offset(f, c0), m);
    }
    return switch (dt) {
      case F32 -> (f, c0, m) -> FloatStrips.gather((float[]) f.arrays[slot], (int) f.base[node], dims, strides, c0,
          (float[]) d.array(f), d.offset(f, c0), m);
      case F64 -> (f, c0, m) -> DoubleStrips.gather((double[]) f.arrays[slot], (int) f.base[node], dims, strides, c0,
          (double[]) d.array(f), d.offset(f, c0), m);
      case I32 -> (f, c0, m) -> IntStrips.gather((int[]) f.arrays[slot], (int) f.base[node], dims, strides, c0,
          (int[]) d.array(f), d.offset(f, c0), m);
      case I64 -> (f, c0, m) -> LongStrips.gather((long[]) f.arrays[slot], (int) f.base[node], dims, strides, c0,
          (long[]) d.array(f), d.offset(f, c0), m);
      case BOOL -> (f, c0, m) -> IntStrips.gatherBools((boolean[]) f.arrays[slot], (int) f.base[node], dims, strides, c0,
          (int[]) d.array(f), d.offset(f, c0), m);
      default -> narrowLoad(slot, node, dims, strides, contiguous, dt, d);
    };
  }

  /** A load widening i8, u8, i16, u16 (into i32) or u32 (into i64) elements. */
  private static StripStep narrowLoad(int slot, int node, int[] dims, int[] strides, boolean contiguous, DType dt,
      Run d) {
    return switch (dt) {
      case I8, U8 -> contiguous
          ? (f, c0, m) -> NarrowIntStrips.load(dt, (byte[]) f.arrays[slot], (int) f.base[node] + c0,
              (int[]) d.array(f), d.offset(f, c0), m)
          : (f, c0, m) -> NarrowIntStrips.gather(dt, (byte[]) f.arrays[slot], (int) f.base[node], dims, strides, c0,
              (int[]) d.array(f), d.offset(f, c0), m);
      case I16, U16 -> contiguous
          ? (f, c0, m) -> NarrowIntStrips.load(dt, (short[]) f.arrays[slot], (int) f.base[node] + c0,
              (int[]) d.array(f), d.offset(f, c0), m)
          : (f, c0, m) -> NarrowIntStrips.gather(dt, (short[]) f.arrays[slot], (int) f.base[node], dims, strides, c0,
              (int[]) d.array(f), d.offset(f, c0), m);
      default -> contiguous
          ? (f, c0, m) -> NarrowIntStrips.load(dt, (int[]) f.arrays[slot], (int) f.base[node] + c0,
              (long[]) d.array(f), d.offset(f, c0), m)
          : (f, c0, m) -> NarrowIntStrips.gather(dt, (int[]) f.arrays[slot], (int) f.base[node], dims, strides, c0,
              (long[]) d.array(f), d.offset(f, c0), m);
    };
  }

  private static StripStep index(Schedule s, int node, Expr.Index x, Run d) {
    int[] dims = s.nest().cols();
    int[] coeffs = x.colCoeffs();
    if (x.dtype() == DType.I64) {
      return (f, c0, m) -> LongStrips.affine(f.base[node], dims, coeffs, c0, (long[]) d.array(f), d.offset(f, c0), m);
    }
    return (f, c0, m) -> IntStrips.affine(f.base[node], dims, coeffs, c0, (int[]) d.array(f), d.offset(f, c0), m);
  }

  private static StripStep unary(StripOp.Unary op, DType d, Run a, Run o) {
    return switch (d) {
      case F32 -> (f, c0, m) -> FloatStrips.unary(op, (float[]) a.array(f), a.offset(f, c0), (float[]) o.array(f),
          o.offset(f, c0), m);
      case F64 -> (f, c0, m) -> DoubleStrips.unary(op, (double[]) a.array(f), a.offset(f, c0), (double[]) o.array(f),
          o.offset(f, c0), m);
      case I64 -> (f, c0, m) -> LongStrips.unary(op, (long[]) a.array(f), a.offset(f, c0), (long[]) o.array(f),
          o.offset(f, c0), m);
      default -> (f, c0, m) -> IntStrips.unary(op, (int[]) a.array(f), a.offset(f, c0), (int[]) o.array(f),
          o.offset(f, c0), m);
    };
  }

  private static StripStep binary(Schedule s, StripOp.Binary op, DType d, int x, int y, Run o) {
    boolean rx = NestOperands.isRun(s, x), ry = NestOperands.isRun(s, y);
    if (rx && ry) {
      Run a = NestOperands.run(s, x), b = NestOperands.run(s, y);
      return switch (d) {
        case F32 -> (f, c0, m) -> FloatStrips.binary(op, (float[]) a.array(f), a.offset(f, c0), (float[]) b.array(f),
            b.offset(f, c0), (float[]) o.array(f), o.offset(f, c0), m);
        case F64 -> (f, c0, m) -> DoubleStrips.binary(op, (double[]) a.array(f), a.offset(f, c0), (double[]) b.array(f),
            b.offset(f, c0), (double[]) o.array(f), o.offset(f, c0), m);
        case I64 -> (f, c0, m) -> LongStrips.binary(op, (long[]) a.array(f), a.offset(f, c0), (long[]) b.array(f),
            b.offset(f, c0), (long[]) o.array(f), o.offset(f, c0), m);
        default -> (f, c0, m) -> IntStrips.binary(op, (int[]) a.array(f), a.offset(f, c0), (int[]) b.array(f),
            b.offset(f, c0), (int[]) o.array(f), o.offset(f, c0), m);
      };
    }
    if (rx) {
      Run a = NestOperands.run(s, x);
      Scalar b = NestOperands.scalar(s, y);
      return switch (d) {
        case F32 -> (f, c0, m) -> FloatStrips.binary(op, (float[]) a.array(f), a.offset(f, c0), b.f32(f),
            (float[]) o.array(f), o.offset(f, c0), m);
        case F64 -> (f, c0, m) -> DoubleStrips.binary(op, (double[]) a.array(f), a.offset(f, c0), b.f64(f),
            (double[]) o.array(f), o.offset(f, c0), m);
        case I64 -> (f, c0, m) -> LongStrips.binary(op, (long[]) a.array(f), a.offset(f, c0), b.i64(f),
            (long[]) o.array(f), o.offset(f, c0), m);
        default -> (f, c0, m) -> IntStrips.binary(op, (int[]) a.array(f), a.offset(f, c0), b.i32(f),
            (int[]) o.array(f), o.offset(f, c0), m);
      };
    }
    Scalar a = NestOperands.scalar(s, x);
    Run b = NestOperands.run(s, y);
    return switch (d) {
      case F32 -> (f, c0, m) -> FloatStrips.binary(op, a.f32(f), (float[]) b.array(f), b.offset(f, c0),
          (float[]) o.array(f), o.offset(f, c0), m);
      case F64 -> (f, c0, m) -> DoubleStrips.binary(op, a.f64(f), (double[]) b.array(f), b.offset(f, c0),
          (double[]) o.array(f), o.offset(f, c0), m);
      case I64 -> (f, c0, m) -> LongStrips.binary(op, a.i64(f), (long[]) b.array(f), b.offset(f, c0),
          (long[]) o.array(f), o.offset(f, c0), m);
      default -> (f, c0, m) -> IntStrips.binary(op, a.i32(f), (int[]) b.array(f), b.offset(f, c0),
          (int[]) o.array(f), o.offset(f, c0), m);
    };
  }

  private static StripStep compare(Schedule s, StripOp.Compare op, DType d, int x, int y, Run o) {
    boolean rx = NestOperands.isRun(s, x), ry = NestOperands.isRun(s, y);
    if (rx && ry) {
      Run a = NestOperands.run(s, x), b = NestOperands.run(s, y);
      return switch (d) {
        case F32 -> (f, c0, m) -> FloatStrips.compare(op, (float[]) a.array(f), a.offset(f, c0), (float[]) b.array(f),
            b.offset(f, c0), (int[]) o.array(f), o.offset(f, c0), m);
        case F64 -> (f, c0, m) -> DoubleStrips.compare(op, (double[]) a.array(f), a.offset(f, c0),
            (double[]) b.array(f), b.offset(f, c0), (int[]) o.array(f), o.offset(f, c0), m);
        case I64 -> (f, c0, m) -> LongStrips.compare(op, (long[]) a.array(f), a.offset(f, c0), (long[]) b.array(f),
            b.offset(f, c0), (int[]) o.array(f), o.offset(f, c0), m);
        default -> (f, c0, m) -> IntStrips.compare(op, (int[]) a.array(f), a.offset(f, c0), (int[]) b.array(f),
            b.offset(f, c0), (int[]) o.array(f), o.offset(f, c0), m);
      };
    }
    if (rx) {
      Run a = NestOperands.run(s, x);
      Scalar b = NestOperands.scalar(s, y);
      return switch (d) {
        case F32 -> (f, c0, m) -> FloatStrips.compare(op, (float[]) a.array(f), a.offset(f, c0), b.f32(f),
            (int[]) o.array(f), o.offset(f, c0), m);
        case F64 -> (f, c0, m) -> DoubleStrips.compare(op, (double[]) a.array(f), a.offset(f, c0), b.f64(f),
            (int[]) o.array(f), o.offset(f, c0), m);
        case I64 -> (f, c0, m) -> LongStrips.compare(op, (long[]) a.array(f), a.offset(f, c0), b.i64(f),
            (int[]) o.array(f), o.offset(f, c0), m);
        default -> (f, c0, m) -> IntStrips.compare(op, (int[]) a.array(f), a.offset(f, c0), b.i32(f),
            (int[]) o.array(f), o.offset(f, c0), m);
      };
    }
    Scalar a = NestOperands.scalar(s, x);
    Run b = NestOperands.run(s, y);
    return switch (d) {
      case F32 -> (f, c0, m) -> FloatStrips.compare(op, a.f32(f), (float[]) b.array(f), b.offset(f, c0),
          (int[]) o.array(f), o.offset(f, c0), m);
      case F64 -> (f, c0, m) -> DoubleStrips.compare(op, a.f64(f), (double[]) b.array(f), b.offset(f, c0),
          (int[]) o.array(f), o.offset(f, c0), m);
      case I64 -> (f, c0, m) -> LongStrips.compare(op, a.i64(f), (long[]) b.array(f), b.offset(f, c0),
          (int[]) o.array(f), o.offset(f, c0), m);
      default -> (f, c0, m) -> IntStrips.compare(op, a.i32(f), (int[]) b.array(f), b.offset(f, c0),
          (int[]) o.array(f), o.offset(f, c0), m);
    };
  }

  private static StripStep where(Schedule s, DType d, Expr.Where w, Run o) {
    if (!NestOperands.isRun(s, w.pred())) {
      // One predicate for the whole row: the row takes one side.
      Scalar p = NestOperands.scalar(s, w.pred());
      StripStep onTrue = copy(s, d, w.onTrue(), o), onFalse = copy(s, d, w.onFalse(), o);
      return (f, c0, m) -> (p.i32(f) != 0 ? onTrue : onFalse).run(f, c0, m);
    }
    Run p = NestOperands.run(s, w.pred());
    boolean rt = NestOperands.isRun(s, w.onTrue()), rf = NestOperands.isRun(s, w.onFalse());
    if (rt && rf) {
      Run t = NestOperands.run(s, w.onTrue()), e = NestOperands.run(s, w.onFalse());
      return switch (d) {
        case F32 -> (f, c0, m) -> FloatStrips.where((int[]) p.array(f), p.offset(f, c0), (float[]) t.array(f),
            t.offset(f, c0), (float[]) e.array(f), e.offset(f, c0), (float[]) o.array(f), o.offset(f, c0), m);
        case F64 -> (f, c0, m) -> DoubleStrips.where((int[]) p.array(f), p.offset(f, c0), (double[]) t.array(f),
            t.offset(f, c0), (double[]) e.array(f), e.offset(f, c0), (double[]) o.array(f), o.offset(f, c0), m);
        case I64 -> (f, c0, m) -> LongStrips.where((int[]) p.array(f), p.offset(f, c0), (long[]) t.array(f),
            t.offset(f, c0), (long[]) e.array(f), e.offset(f, c0), (long[]) o.array(f), o.offset(f, c0), m);
        default -> (f, c0, m) -> IntStrips.where((int[]) p.array(f), p.offset(f, c0), (int[]) t.array(f),
            t.offset(f, c0), (int[]) e.array(f), e.offset(f, c0), (int[]) o.array(f), o.offset(f, c0), m);
      };
    }
    if (rt) {
      Run t = NestOperands.run(s, w.onTrue());
      Scalar e = NestOperands.scalar(s, w.onFalse());
      return switch (d) {
        case F32 -> (f, c0, m) -> FloatStrips.where((int[]) p.array(f), p.offset(f, c0), (float[]) t.array(f),
            t.offset(f, c0), e.f32(f), (float[]) o.array(f), o.offset(f, c0), m);
        case F64 -> (f, c0, m) -> DoubleStrips.where((int[]) p.array(f), p.offset(f, c0), (double[]) t.array(f),
            t.offset(f, c0), e.f64(f), (double[]) o.array(f), o.offset(f, c0), m);
        case I64 -> (f, c0, m) -> LongStrips.where((int[]) p.array(f), p.offset(f, c0), (long[]) t.array(f),
            t.offset(f, c0), e.i64(f), (long[]) o.array(f), o.offset(f, c0), m);
        default -> (f, c0, m) -> IntStrips.where((int[]) p.array(f), p.offset(f, c0), (int[]) t.array(f),
            t.offset(f, c0), e.i32(f), (int[]) o.array(f), o.offset(f, c0), m);
      };
    }
    if (rf) {
      Scalar t = NestOperands.scalar(s, w.onTrue());
      Run e = NestOperands.run(s, w.onFalse());
      return switch (d) {
        case F32 -> (f, c0, m) -> FloatStrips.where((int[]) p.array(f), p.offset(f, c0), t.f32(f),
            (float[]) e.array(f), e.offset(f, c0), (float[]) o.array(f), o.offset(f, c0), m);
        case F64 -> (f, c0, m) -> DoubleStrips.where((int[]) p.array(f), p.offset(f, c0), t.f64(f),
            (double[]) e.array(f), e.offset(f, c0), (double[]) o.array(f), o.offset(f, c0), m);
        case I64 -> (f, c0, m) -> LongStrips.where((int[]) p.array(f), p.offset(f, c0), t.i64(f),
            (long[]) e.array(f), e.offset(f, c0), (long[]) o.array(f), o.offset(f, c0), m);
        default -> (f, c0, m) -> IntStrips.where((int[]) p.array(f), p.offset(f, c0), t.i32(f),
            (int[]) e.array(f), e.offset(f, c0), (int[]) o.array(f), o.offset(f, c0), m);
      };
    }
    Scalar t = NestOperands.scalar(s, w.onTrue()), e = NestOperands.scalar(s, w.onFalse());
    return switch (d) {
      case F32 -> (f, c0, m) -> FloatStrips.where((int[]) p.array(f), p.offset(f, c0), t.f32(f), e.f32(f),
          (float[]) o.array(f), o.offset(f, c0), m);
      case F64 -> (f, c0, m) -> DoubleStrips.where((int[]) p.array(f), p.offset(f, c0), t.f64(f), e.f64(f),
          (double[]) o.array(f), o.offset(f, c0), m);
      case I64 -> (f, c0, m) -> LongStrips.where((int[]) p.array(f), p.offset(f, c0), t.i64(f), e.i64(f),
          (long[]) o.array(f), o.offset(f, c0), m);
      default -> (f, c0, m) -> IntStrips.where((int[]) p.array(f), p.offset(f, c0), t.i32(f), e.i32(f),
          (int[]) o.array(f), o.offset(f, c0), m);
    };
  }

  /** Copies node {@code x} (a run or a row value) into {@code o}. */
  static StripStep copy(Schedule s, DType d, int x, Run o) {
    if (NestOperands.isRun(s, x)) {
      Run a = NestOperands.run(s, x);
      return (f, c0, m) -> System.arraycopy(a.array(f), a.offset(f, c0), o.array(f), o.offset(f, c0), m);
    }
    Scalar a = NestOperands.scalar(s, x);
    return fill(d, a, o);
  }

  static StripStep fill(DType d, Scalar a, Run o) {
    return switch (d) {
      case F32 -> (f, c0, m) -> FloatStrips.fill(a.f32(f), (float[]) o.array(f), o.offset(f, c0), m);
      case F64 -> (f, c0, m) -> DoubleStrips.fill(a.f64(f), (double[]) o.array(f), o.offset(f, c0), m);
      case I64 -> (f, c0, m) -> LongStrips.fill(a.i64(f), (long[]) o.array(f), o.offset(f, c0), m);
      default -> (f, c0, m) -> IntStrips.fill(a.i32(f), (int[]) o.array(f), o.offset(f, c0), m);
    };
  }

  /** {@code convert_element_type} from compute dtype {@code from} ({@code fromBool}: 0/1 ints) to {@code to}. */
  private static StripStep convert(DType from, boolean fromBool, DType to, Run a, Run o) {
    DType ct = Schedule.computeType(to);
    if (to == DType.BOOL && !fromBool) {
      return switch (from) {
        case F32 -> (f, c0, m) -> FloatStrips.toBool((float[]) a.array(f), a.offset(f, c0), (int[]) o.array(f),
            o.offset(f, c0), m);
        case F64 -> (f, c0, m) -> DoubleStrips.toBool((double[]) a.array(f), a.offset(f, c0), (int[]) o.array(f),
            o.offset(f, c0), m);
        case I64 -> (f, c0, m) -> LongStrips.toBool((long[]) a.array(f), a.offset(f, c0), (int[]) o.array(f),
            o.offset(f, c0), m);
        default -> (f, c0, m) -> IntStrips.toBool((int[]) a.array(f), a.offset(f, c0), (int[]) o.array(f),
            o.offset(f, c0), m);
      };
    }
    if (from == ct) {
      return (f, c0, m) -> System.arraycopy(a.array(f), a.offset(f, c0), o.array(f), o.offset(f, c0), m);
    }
    return switch (from) {
      case F32 -> switch (ct) {
        case F64 -> (f, c0, m) -> FloatStrips.toF64((float[]) a.array(f), a.offset(f, c0), (double[]) o.array(f),
            o.offset(f, c0), m);
        case I64 -> (f, c0, m) -> FloatStrips.toI64((float[]) a.array(f), a.offset(f, c0), (long[]) o.array(f),
            o.offset(f, c0), m);
        default -> (f, c0, m) -> FloatStrips.toI32((float[]) a.array(f), a.offset(f, c0), (int[]) o.array(f),
            o.offset(f, c0), m);
      };
      case F64 -> switch (ct) {
        case F32 -> (f, c0, m) -> DoubleStrips.toF32((double[]) a.array(f), a.offset(f, c0), (float[]) o.array(f),
            o.offset(f, c0), m);
        case I64 -> (f, c0, m) -> DoubleStrips.toI64((double[]) a.array(f), a.offset(f, c0), (long[]) o.array(f),
            o.offset(f, c0), m);
        default -> (f, c0, m) -> DoubleStrips.toI32((double[]) a.array(f), a.offset(f, c0), (int[]) o.array(f),
            o.offset(f, c0), m);
      };
      case I64 -> switch (ct) {
        case F32 -> (f, c0, m) -> LongStrips.toF32((long[]) a.array(f), a.offset(f, c0), (float[]) o.array(f),
            o.offset(f, c0), m);
        case F64 -> (f, c0, m) -> LongStrips.toF64((long[]) a.array(f), a.offset(f, c0), (double[]) o.array(f),
            o.offset(f, c0), m);
        default -> (f, c0, m) -> LongStrips.toI32((long[]) a.array(f), a.offset(f, c0), (int[]) o.array(f),
            o.offset(f, c0), m);
      };
      default -> switch (ct) {
        case F32 -> (f, c0, m) -> IntStrips.toF32((int[]) a.array(f), a.offset(f, c0), (float[]) o.array(f),
            o.offset(f, c0), m);
        case F64 -> (f, c0, m) -> IntStrips.toF64((int[]) a.array(f), a.offset(f, c0), (double[]) o.array(f),
            o.offset(f, c0), m);
        default -> (f, c0, m) -> IntStrips.toI64((int[]) a.array(f), a.offset(f, c0), (long[]) o.array(f),
            o.offset(f, c0), m);
      };
    };
  }

  private static StripStep integerPow(DType d, int y, Run a, Run o) {
    return switch (d) {
      case F32 -> (f, c0, m) -> FloatStrips.integerPow((float[]) a.array(f), a.offset(f, c0), y, (float[]) o.array(f),
          o.offset(f, c0), m);
      case F64 -> (f, c0, m) -> DoubleStrips.integerPow((double[]) a.array(f), a.offset(f, c0), y,
          (double[]) o.array(f), o.offset(f, c0), m);
      case I64 -> (f, c0, m) -> LongStrips.integerPow((long[]) a.array(f), a.offset(f, c0), y, (long[]) o.array(f),
          o.offset(f, c0), m);
      default -> (f, c0, m) -> IntStrips.integerPow((int[]) a.array(f), a.offset(f, c0), y, (int[]) o.array(f),
          o.offset(f, c0), m);
    };
  }

  /** Folds the strip of a reduction's operand into the reduction's block lanes. */
  private static StripStep fold(Schedule s, int i) {
    Expr.Reduce r = (Expr.Reduce) s.nest().nodes().get(i);
    DType d = Schedule.computeType(r.dtype());
    StripOp.Monoid op = r.op();
    Run a;
    StripStep before = null;
    if (NestOperands.isRun(s, r.x())) {
      a = NestOperands.run(s, r.x());
    } else {
      Schedule.Strip fs = s.fillStrip(r.dtype());
      a = NestOperands.strip(s, fs);
      before = fill(d, NestOperands.scalar(s, r.x()), a);
    }
    StripStep fold = switch (d) {
      case F32 -> (f, c0, m) -> FloatStrips.foldInto(op, (float[]) f.blockLanes[i], (float[]) a.array(f),
          a.offset(f, c0), m);
      case F64 -> (f, c0, m) -> DoubleStrips.foldInto(op, (double[]) f.blockLanes[i], (double[]) a.array(f),
          a.offset(f, c0), m);
      case I64 -> (f, c0, m) -> LongStrips.foldInto(op, (long[]) f.blockLanes[i], (long[]) a.array(f),
          a.offset(f, c0), m);
      default -> (f, c0, m) -> IntStrips.foldInto(op, (int[]) f.blockLanes[i], (int[]) a.array(f), a.offset(f, c0), m);
    };
    if (before == null) return fold;
    StripStep fill = before;
    return (f, c0, m) -> {
      fill.run(f, c0, m);
      fold.run(f, c0, m);
    };
  }

  /** Copies element node {@code i} into output {@code slot} (bools into a bool buffer). */
  static StripStep store(Schedule s, int i, int slot) {
    Run a = NestOperands.run(s, i);
    Run o = NestOperands.out(s, slot);
    if (s.nest().dtype(i) == DType.BOOL) {
      return (f, c0, m) -> IntStrips.toBools((int[]) a.array(f), a.offset(f, c0), (boolean[]) o.array(f),
          o.offset(f, c0), m);
    }
    DType d = s.nest().dtype(i);
    if (HalfStrips.isHalf(d)) {
      return (f, c0, m) -> HalfStrips.store(d, (float[]) a.array(f), a.offset(f, c0), (short[]) o.array(f),
          o.offset(f, c0), m);
    }
    switch (d) {
      case I8, U8 -> {
        return (f, c0, m) -> NarrowIntStrips.store(d, (int[]) a.array(f), a.offset(f, c0), (byte[]) o.array(f),
            o.offset(f, c0), m);
      }
      case I16, U16 -> {
        return (f, c0, m) -> NarrowIntStrips.store(d, (int[]) a.array(f), a.offset(f, c0), (short[]) o.array(f),
            o.offset(f, c0), m);
      }
      case U32 -> {
        return (f, c0, m) -> NarrowIntStrips.store(d, (long[]) a.array(f), a.offset(f, c0), (int[]) o.array(f),
            o.offset(f, c0), m);
      }
      default -> { }
    }
    return (f, c0, m) -> System.arraycopy(a.array(f), a.offset(f, c0), o.array(f), o.offset(f, c0), m);
  }

  /** Fills each row of element output {@code o} with row value {@code i}. */
  static StripStep fillOutput(Schedule s, LoopNest.Output o) {
    Scalar a = NestOperands.scalar(s, o.node());
    Run out = NestOperands.out(s, o.slot());
    if (s.nest().dtype(o.node()) == DType.BOOL) {
      return (f, c0, m) -> java.util.Arrays.fill((boolean[]) out.array(f), out.offset(f, c0),
          out.offset(f, c0) + m, a.i32(f) != 0);
    }
    DType d = s.nest().dtype(o.node());
    if (HalfStrips.isHalf(d)) {
      return (f, c0, m) -> HalfStrips.fill(d, a.f32(f), (short[]) out.array(f), out.offset(f, c0), m);
    }
    return switch (d) {
      case I8, U8 -> (f, c0, m) -> NarrowIntStrips.fill(d, a.i32(f), (byte[]) out.array(f), out.offset(f, c0), m);
      case I16, U16 -> (f, c0, m) -> NarrowIntStrips.fill(d, a.i32(f), (short[]) out.array(f), out.offset(f, c0), m);
      case U32 -> (f, c0, m) -> NarrowIntStrips.fill(d, a.i64(f), (int[]) out.array(f), out.offset(f, c0), m);
      default -> fill(a.dtype, a, out);
    };
  }

  // ---- per row ------------------------------------------------------------------------------------------

  /** The scalar computation of row (or constant) node {@code i} into its register, narrowed as {@link #strip}. */
  static RowStep row(Schedule s, int i) {
    return narrowed(s, i, rowComputed(s, i));
  }

  /** {@code step}, then register {@code i} narrowed to its node's type ({@link Schedule#narrowing}). */
  private static RowStep narrowed(Schedule s, int i, RowStep step) {
    Expr e = s.nest().nodes().get(i);
    Schedule.Narrowing n = Schedule.narrowing(s.nest(), e);
    if (n == Schedule.Narrowing.NONE) return step;
    DType d = e.dtype();
    int k = ((Schedule.Reg) s.place(i)).index();
    RowStep narrow = switch (n) {
      case ROUND -> f -> f.f32[k] = HalfStrips.round(d, f.f32[k]);
      case WRAP -> d == DType.U32 ? f -> f.i64[k] = NarrowIntStrips.wrap(d, f.i64[k])
          : f -> f.i32[k] = NarrowIntStrips.wrap(d, f.i32[k]);
      default -> d == DType.U32 ? f -> f.i64[k] = NarrowIntStrips.saturate(d, f.i64[k])
          : f -> f.i32[k] = NarrowIntStrips.saturate(d, f.i32[k]);
    };
    return f -> {
      step.run(f);
      narrow.run(f);
    };
  }

  private static RowStep rowComputed(Schedule s, int i) {
    Expr e = s.nest().nodes().get(i);
    Schedule.Reg r = (Schedule.Reg) s.place(i);
    int k = r.index();
    DType d = r.dtype();
    if (e instanceof Expr.Constant c) return constant(c.literal(), d, k);
    if (e instanceof Expr.Load l) {
      int slot = l.slot();
      return switch (l.dtype()) {
        case F32 -> f -> f.f32[k] = ((float[]) f.arrays[slot])[(int) f.base[i]];
        case F64 -> f -> f.f64[k] = ((double[]) f.arrays[slot])[(int) f.base[i]];
        case I32 -> f -> f.i32[k] = ((int[]) f.arrays[slot])[(int) f.base[i]];
        case I64 -> f -> f.i64[k] = ((long[]) f.arrays[slot])[(int) f.base[i]];
        case BOOL -> f -> f.i32[k] = ((boolean[]) f.arrays[slot])[(int) f.base[i]] ? 1 : 0;
        case BF16, F16 -> {
          DType dt = l.dtype();
          yield f -> f.f32[k] = HalfStrips.widen(dt, ((short[]) f.arrays[slot])[(int) f.base[i]]);
        }
        case I8, U8 -> {
          DType dt = l.dtype();
          yield f -> f.i32[k] = NarrowIntStrips.widen(dt, ((byte[]) f.arrays[slot])[(int) f.base[i]]);
        }
        case I16, U16 -> {
          DType dt = l.dtype();
          yield f -> f.i32[k] = NarrowIntStrips.widen(dt, ((short[]) f.arrays[slot])[(int) f.base[i]]);
        }
        case U32 -> f -> f.i64[k] = NarrowIntStrips.widen(DType.U32, ((int[]) f.arrays[slot])[(int) f.base[i]]);
      };
    }
    if (e instanceof Expr.Index) {
      return d == DType.I64 ? f -> f.i64[k] = f.base[i] : f -> f.i32[k] = (int) f.base[i];
    }
    if (e instanceof Expr.Unary u) {
      Scalar a = NestOperands.scalar(s, u.x());
      StripOp.Unary op = u.op();
      return switch (d) {
        case F32 -> f -> f.f32[k] = FloatStrips.unary(op, a.f32(f));
        case F64 -> f -> f.f64[k] = DoubleStrips.unary(op, a.f64(f));
        case I64 -> f -> f.i64[k] = LongStrips.unary(op, a.i64(f));
        default -> f -> f.i32[k] = IntStrips.unary(op, a.i32(f));
      };
    }
    if (e instanceof Expr.Binary b) {
      Scalar x = NestOperands.scalar(s, b.x()), y = NestOperands.scalar(s, b.y());
      StripOp.Binary op = b.op();
      return switch (d) {
        case F32 -> f -> f.f32[k] = FloatStrips.binary(op, x.f32(f), y.f32(f));
        case F64 -> f -> f.f64[k] = DoubleStrips.binary(op, x.f64(f), y.f64(f));
        case I64 -> f -> f.i64[k] = LongStrips.binary(op, x.i64(f), y.i64(f));
        default -> f -> f.i32[k] = IntStrips.binary(op, x.i32(f), y.i32(f));
      };
    }
    if (e instanceof Expr.Compare c) {
      Scalar x = NestOperands.scalar(s, c.x()), y = NestOperands.scalar(s, c.y());
      StripOp.Compare op = c.op();
      return switch (Schedule.computeType(c.operandDtype())) {
        case F32 -> f -> f.i32[k] = FloatStrips.compare(op, x.f32(f), y.f32(f));
        case F64 -> f -> f.i32[k] = DoubleStrips.compare(op, x.f64(f), y.f64(f));
        case I64 -> f -> f.i32[k] = LongStrips.compare(op, x.i64(f), y.i64(f));
        default -> f -> f.i32[k] = IntStrips.compare(op, x.i32(f), y.i32(f));
      };
    }
    if (e instanceof Expr.Where w) {
      Scalar p = NestOperands.scalar(s, w.pred()), t = NestOperands.scalar(s, w.onTrue()),
          o = NestOperands.scalar(s, w.onFalse());
      return switch (d) {
        case F32 -> f -> f.f32[k] = p.i32(f) != 0 ? t.f32(f) : o.f32(f);
        case F64 -> f -> f.f64[k] = p.i32(f) != 0 ? t.f64(f) : o.f64(f);
        case I64 -> f -> f.i64[k] = p.i32(f) != 0 ? t.i64(f) : o.i64(f);
        default -> f -> f.i32[k] = p.i32(f) != 0 ? t.i32(f) : o.i32(f);
      };
    }
    if (e instanceof Expr.Convert c) return convertScalar(NestOperands.scalar(s, c.x()),
        s.nest().dtype(c.x()) == DType.BOOL, e.dtype() == DType.BOOL ? DType.BOOL : Schedule.computeType(e.dtype()), k);
    Expr.IntegerPow p = (Expr.IntegerPow) e;
    Scalar a = NestOperands.scalar(s, p.x());
    int y = p.y();
    return switch (d) {
      case F32 -> f -> f.f32[k] = FloatStrips.integerPow(a.f32(f), y);
      case F64 -> f -> f.f64[k] = DoubleStrips.integerPow(a.f64(f), y);
      case I64 -> f -> f.i64[k] = LongStrips.integerPow(a.i64(f), y);
      default -> f -> f.i32[k] = IntStrips.integerPow(a.i32(f), y);
    };
  }

  private static RowStep constant(Literal lit, DType d, int k) {
    return switch (d) {
      case F32 -> {
        // A bf16 or f16 literal is stored in its type, so its value is one of the type's already.
        float v = (float) lit.doubleValue();
        yield f -> f.f32[k] = v;
      }
      case F64 -> {
        double v = lit.doubleValue();
        yield f -> f.f64[k] = v;
      }
      case I64 -> {
        long v = lit.longValue();
        yield f -> f.i64[k] = v;
      }
      default -> {
        int v = (int) lit.longValue();
        yield f -> f.i32[k] = v;
      }
    };
  }

  /** The same conversions as the strip ones, on one value: Java's casts, and non-zero is true. */
  private static RowStep convertScalar(Scalar a, boolean fromBool, DType to, int k) {
    DType from = a.dtype;
    if (to == DType.BOOL) {
      if (fromBool) return f -> f.i32[k] = a.i32(f);
      return switch (from) {
        case F32 -> f -> f.i32[k] = a.f32(f) != 0 ? 1 : 0;
        case F64 -> f -> f.i32[k] = a.f64(f) != 0 ? 1 : 0;
        case I64 -> f -> f.i32[k] = a.i64(f) != 0 ? 1 : 0;
        default -> f -> f.i32[k] = a.i32(f) != 0 ? 1 : 0;
      };
    }
    return switch (to) {
      case F32 -> switch (from) {
        case F32 -> f -> f.f32[k] = a.f32(f);
        case F64 -> f -> f.f32[k] = (float) a.f64(f);
        case I64 -> f -> f.f32[k] = (float) a.i64(f);
        default -> f -> f.f32[k] = (float) a.i32(f);
      };
      case F64 -> switch (from) {
        case F32 -> f -> f.f64[k] = a.f32(f);
        case F64 -> f -> f.f64[k] = a.f64(f);
        case I64 -> f -> f.f64[k] = (double) a.i64(f);
        default -> f -> f.f64[k] = a.i32(f);
      };
      case I64 -> switch (from) {
        case F32 -> f -> f.i64[k] = (long) a.f32(f);
        case F64 -> f -> f.i64[k] = (long) a.f64(f);
        case I64 -> f -> f.i64[k] = a.i64(f);
        default -> f -> f.i64[k] = a.i32(f);
      };
      default -> switch (from) {
        case F32 -> f -> f.i32[k] = (int) a.f32(f);
        case F64 -> f -> f.i32[k] = (int) a.f64(f);
        case I64 -> f -> f.i32[k] = (int) a.i64(f);
        default -> f -> f.i32[k] = a.i32(f);
      };
    };
  }

  /**
   * Moves a reduction's row lanes into its register: the final pairwise combination of the lanes, then a narrow
   * type's one narrowing.
   */
  static RowStep finish(Schedule s, int i) {
    return narrowed(s, i, finished(s, i, (Expr.Reduce) s.nest().nodes().get(i)));
  }

  private static RowStep finished(Schedule s, int i, Expr.Reduce r) {
    Schedule.Reg reg = (Schedule.Reg) s.place(i);
    int k = reg.index();
    StripOp.Monoid op = r.op();
    return switch (reg.dtype()) {
      case F32 -> f -> f.f32[k] = FloatStrips.reduceLanes(op, (float[]) f.rowLanes[i]);
      case F64 -> f -> f.f64[k] = DoubleStrips.reduceLanes(op, (double[]) f.rowLanes[i]);
      case I64 -> f -> f.i64[k] = LongStrips.reduceLanes(op, (long[]) f.rowLanes[i]);
      default -> f -> f.i32[k] = IntStrips.reduceLanes(op, (int[]) f.rowLanes[i]);
    };
  }

  /** {@code into = into op from}, lanewise: adds a block's lanes to the row's. */
  static void combine(StripOp.Monoid op, DType d, Object into, Object from) {
    switch (d) {
      case F32 -> FloatStrips.combineLanes(op, (float[]) into, (float[]) from);
      case F64 -> DoubleStrips.combineLanes(op, (double[]) into, (double[]) from);
      case I64 -> LongStrips.combineLanes(op, (long[]) into, (long[]) from);
      default -> IntStrips.combineLanes(op, (int[]) into, (int[]) from);
    }
  }

  /** Writes row node {@code i}'s register into the current row's element of row output {@code slot}. */
  static RowStep storeRow(Schedule s, LoopNest.Output o) {
    Scalar a = NestOperands.scalar(s, o.node());
    int slot = o.slot();
    return switch (s.nest().dtype(o.node())) {
      case F32 -> f -> ((float[]) f.arrays[slot])[(int) f.row] = a.f32(f);
      case F64 -> f -> ((double[]) f.arrays[slot])[(int) f.row] = a.f64(f);
      case I32 -> f -> ((int[]) f.arrays[slot])[(int) f.row] = a.i32(f);
      case I64 -> f -> ((long[]) f.arrays[slot])[(int) f.row] = a.i64(f);
      case BOOL -> f -> ((boolean[]) f.arrays[slot])[(int) f.row] = a.i32(f) != 0;
      case BF16, F16 -> {
        DType d = s.nest().dtype(o.node());
        yield f -> ((short[]) f.arrays[slot])[(int) f.row] = HalfStrips.narrow(d, a.f32(f));
      }
      case I8, U8 -> f -> ((byte[]) f.arrays[slot])[(int) f.row] = (byte) a.i32(f);
      case I16, U16 -> f -> ((short[]) f.arrays[slot])[(int) f.row] = (short) a.i32(f);
      case U32 -> f -> ((int[]) f.arrays[slot])[(int) f.row] = (int) a.i64(f);
    };
  }
}
