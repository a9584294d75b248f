package dev.olympus.kernel;

import dev.olympus.lowering.Node;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Any elementwise primitive on a tile through the primitive's own eager implementation: always correct, and
 * used only for dtype/op pairs without a specialized loop (it allocates per tile).
 */
final class GenericTileOp implements TileOp {
  private final Node.Op op;
  private final List<AbstractValue> operandAvals;

  GenericTileOp(Node.Op op, List<AbstractValue> operandAvals) {
    this.op = op;
    this.operandAvals = operandAvals;
  }

  @Override
  public void apply(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    Object[] arrays = {a, b, c};
    int[] offsets = {ao, bo, co};
    List<Storage> in = new ArrayList<>(operandAvals.size());
    for (int k = 0; k < operandAvals.size(); k++) {
      Object src = arrays[k];
      Object copy = java.lang.reflect.Array.newInstance(src.getClass().getComponentType(), n);
      System.arraycopy(src, offsets[k], copy, 0, n);
      in.add(Storage.wrap(operandAvals.get(k).dtype(), Shape.of(n), copy));
    }
    Storage result = op.primitive().evaluate(in, op.params()).get(0);
    System.arraycopy(result.data(), 0, out, 0, n);
  }
}
