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
  Object[] data;
  /** Per node: the buffer offset of the current row's column 0 (loads), or the row part of an index value. */
  final long[] base;
  /** The current row's multi-index over the nest's row dimensions. */
  final int[] rowIndex;
  int outBase;
  long row;

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

  /** Per reduction node: the lanes of the block being folded, and of the row so far. */
  final Object[] blockLanes;
  final Object[] rowLanes;

  NestFrame(Schedule s, int slotCount) {
    LoopNest nest = s.nest();
    int n = nest.nodes().size();
    int cols = (int) nest.colCount();
    int strip = Math.min(Schedule.STRIP, Math.max(1, cols));
    data = new Object[slotCount];
    base = new long[n];
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
    blockLanes = new Object[n];
    rowLanes = new Object[n];
    for (int i = 0; i < n; i++) {
      if (nest.nodes().get(i) instanceof Expr.Reduce r) {
        blockLanes[i] = newLanes(r.dtype());
        rowLanes[i] = newLanes(r.dtype());
      }
    }
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
    data = null;
  }
}
