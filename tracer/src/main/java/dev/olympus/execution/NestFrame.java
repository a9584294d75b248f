package dev.olympus.execution;

import dev.olympus.DType;
import dev.olympus.loopnest.Expr;
import dev.olympus.loopnest.LoopNest;
import dev.olympus.loopnest.Schedule;
import dev.olympus.simd.Lanes;
import dev.olympus.simd.StripOp;

/**
 * One thread's working memory for one loop nest: the data arrays of the buffers it reads and writes, the
 * current row's buffer offsets, scalar registers, strip and row scratch, and reduction lanes. Owned by its
 * kernel's pool, never by a thread, so it is collected with the kernel.
 */
final class NestFrame {
  /**
   * Per node: the buffer offset of the current row's column 0 (loads), or the row part of an index value; then
   * the current row's output offset at {@link #outBaseIndex} and a zero at {@link #zeroIndex}, so that every run
   * of elements finds its offset the same way ({@code NestOperands.Run}).
   */
  final long[] base;
  /** The current row's multi-index over the nest's row dimensions. */
  final int[] rowIndex;
  long row;
  private final int slotCount;

  final float[] f32;
  final double[] f64;
  final int[] i32;
  final long[] i64;

  final float[][] stripF32;
  final double[][] stripF64;
  final int[][] stripI32;
  final long[][] stripI64;
  final float[][] rowF32;
  final double[][] rowF64;
  final int[][] rowI32;
  final long[][] rowI64;

  /**
   * Every array a run of elements can be in, flat: the call's buffers by slot first (set with {@link #use}), then the strip scratch and
   * the row scratch of each compute dtype ({@link #arrayIndex}). One load finds an operand's array.
   */
  final Object[] arrays;

  /** Per reduction node: the lanes of the block being folded, and of the row so far. */
  final Object[] blockLanes;
  final Object[] rowLanes;

  NestFrame(Schedule s, int slotCount) {
    LoopNest nest = s.nest();
    int n = nest.nodes().size();
    int cols = (int) nest.colCount();
    int strip = Math.min(Schedule.STRIP, Math.max(1, cols));
    this.slotCount = slotCount;
    base = new long[n + 2];
    rowIndex = new int[nest.rows().length];
    f32 = new float[s.regCount(DType.F32)];
    f64 = new double[s.regCount(DType.F64)];
    i32 = new int[s.regCount(DType.I32)];
    i64 = new long[s.regCount(DType.I64)];
    stripF32 = new float[s.stripCount(DType.F32)][strip];
    stripF64 = new double[s.stripCount(DType.F64)][strip];
    stripI32 = new int[s.stripCount(DType.I32)][strip];
    stripI64 = new long[s.stripCount(DType.I64)][strip];
    rowF32 = new float[s.rowScratchCount(DType.F32)][cols];
    rowF64 = new double[s.rowScratchCount(DType.F64)][cols];
    rowI32 = new int[s.rowScratchCount(DType.I32)][cols];
    rowI64 = new long[s.rowScratchCount(DType.I64)][cols];
    arrays = new Object[arrayIndex(s, slotCount, SCRATCH_KINDS, 0)];
    Object[][] scratch = {stripF32, stripF64, stripI32, stripI64, rowF32, rowF64, rowI32, rowI64};
    for (int k = 0; k < SCRATCH_KINDS; k++) {
      System.arraycopy(scratch[k], 0, arrays, arrayIndex(s, slotCount, k, 0), scratch[k].length);
    }
    blockLanes = new Object[n];
    rowLanes = new Object[n];
    for (int i = 0; i < n; i++) {
      if (nest.nodes().get(i) instanceof Expr.Reduce r) {
        blockLanes[i] = newLanes(Schedule.computeType(r.dtype()));
        rowLanes[i] = newLanes(Schedule.computeType(r.dtype()));
      }
    }
  }

  /** Strip scratch of F32, F64, I32, I64, then row scratch of the same, as {@link #arrayIndex}'s kinds. */
  private static final int SCRATCH_KINDS = 8;

  /**
   * Where array {@code index} of scratch kind {@code kind} (0-3: strips of f32, f64, i32, i64; 4-7: rows of the
   * same; {@link #SCRATCH_KINDS}: the end) is in {@link #arrays} of a frame for {@code s}.
   */
  private static int arrayIndex(Schedule s, int slotCount, int kind, int index) {
    int at = slotCount;
    for (int k = 0; k < kind; k++) {
      DType d = KINDS[k % 4];
      at += k < 4 ? s.stripCount(d) : s.rowScratchCount(d);
    }
    return at + index;
  }

  private static final DType[] KINDS = {DType.F32, DType.F64, DType.I32, DType.I64};

  private static int kindOf(DType d) {
    return switch (d) {
      case F32 -> 0;
      case F64 -> 1;
      case I64 -> 3;
      default -> 2;
    };
  }

  /** The index in {@link #arrays} of strip scratch {@code index} of compute dtype {@code d}. */
  static int stripArray(Schedule s, DType d, int index) {
    return arrayIndex(s, NestOperands.slotCount(s.nest()), kindOf(d), index);
  }

  /** The index in {@link #arrays} of row scratch {@code index} of compute dtype {@code d}. */
  static int rowArray(Schedule s, DType d, int index) {
    return arrayIndex(s, NestOperands.slotCount(s.nest()), 4 + kindOf(d), index);
  }

  /** The index in {@link #base} of the current row's output offset. */
  static int outBaseIndex(Schedule s) { return s.nest().nodes().size(); }

  /** The index in {@link #base} of a zero. */
  static int zeroIndex(Schedule s) { return s.nest().nodes().size() + 1; }

  /** Points the frame at a call's buffers. */
  void use(Object[] callData) {
    if (callData == null) java.util.Arrays.fill(arrays, 0, slotCount, null);
    else System.arraycopy(callData, 0, arrays, 0, slotCount);
  }

  /** Sets the current row's output offset. */
  void setOutBase(int offset) {
    base[base.length - 2] = offset;
  }

  static Object newLanes(DType d) {
    return switch (d) {
      case F32 -> new float[Lanes.COUNT];
      case F64 -> new double[Lanes.COUNT];
      case I64 -> new long[Lanes.COUNT];
      default -> new int[Lanes.COUNT];
    };
  }

  /** The identity of {@code op} for {@code d}, in every lane. */
  static void resetLanes(Object lanes, StripOp.Monoid op, DType d) {
    switch (d) {
      case F32 -> java.util.Arrays.fill((float[]) lanes, (float) op.identity(d));
      case F64 -> java.util.Arrays.fill((double[]) lanes, op.identity(d));
      case I64 -> java.util.Arrays.fill((long[]) lanes, op.longIdentity());
      default -> java.util.Arrays.fill((int[]) lanes, (int) op.identity(d));
    }
  }

  /** Forgets the call's arrays, so a pooled frame keeps no data alive. */
  void release() {
    use(null);
  }
}
