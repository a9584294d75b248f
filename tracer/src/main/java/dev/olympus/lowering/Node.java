package dev.olympus.lowering;

import dev.olympus.DType;
import dev.olympus.ir.Literal;
import dev.olympus.primitive.Params;
import dev.olympus.primitive.Primitive;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;

/**
 * One value computed per element inside a fused loop: a read of a materialized buffer, a literal, or an
 * elementwise primitive of earlier nodes. Nodes of a loop are numbered in evaluation order; operands always
 * refer to smaller numbers, so a loop body is straight-line code whose values live in locals.
 */
public sealed interface Node {
  AbstractValue aval();

  /**
   * Element {@code i} of buffer {@code slot}. A buffer of the loop's shape is read at the same index; a
   * 0-d buffer is the same value for every element.
   */
  record Load(int slot, AbstractValue aval) implements Node {}

  /**
   * A buffer broadcast into the loop's shape ({@code broadcast_in_dim}): loop dimension
   * {@code broadcastDimensions[k]} indexes the operand's dimension {@code k}; operand dimensions of size 1
   * repeat.
   */
  record BroadcastLoad(int slot, Shape operandShape, int[] broadcastDimensions, AbstractValue aval)
      implements Node {
    /**
     * When the operand fills the loop's last dimensions exactly (a bias row added to every row of a matrix),
     * element {@code i} of the loop reads operand element {@code i % period()}, so loops can read it in
     * contiguous runs; otherwise 0.
     */
    public int period() {
      Shape domain = aval.shape();
      int offset = domain.rank() - operandShape.rank();
      for (int k = 0; k < broadcastDimensions.length; k++) {
        if (broadcastDimensions[k] != offset + k || operandShape.dim(k) != domain.dim(offset + k)) return 0;
      }
      long size = operandShape.size();
      return size > 0 && size <= Integer.MAX_VALUE ? (int) size : 0;
    }
  }

  record Constant(Literal literal) implements Node {
    @Override
    public AbstractValue aval() { return literal.aval(); }
  }

  /**
   * An elementwise primitive (unary, binary, select_n, convert_element_type, integer_pow) of earlier nodes;
   * {@code operandDtypes} are the operands' dtypes, which pick the loop (a comparison's result is bool).
   */
  record Op(Primitive primitive, Params params, int[] operands, DType[] operandDtypes, AbstractValue aval)
      implements Node {}
}
