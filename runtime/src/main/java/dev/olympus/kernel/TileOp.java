package dev.olympus.kernel;

/**
 * One elementwise primitive applied to a tile: {@code n} elements of up to three operands, each a primitive
 * array with an offset, written to {@code out[0..n)}. Tiles are small enough to stay in L1, so a chain of
 * tile ops is a fused loop whose intermediates never reach main memory.
 */
@FunctionalInterface
interface TileOp {
  void apply(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n);
}
