package dev.olympus.fusion;

import dev.olympus.DType;
import dev.olympus.ir.Equation;
import dev.olympus.loopnest.Expr;
import dev.olympus.primitive.BinaryPrimitive;
import dev.olympus.primitive.ConvertElementType;
import dev.olympus.primitive.IntegerPow;
import dev.olympus.primitive.Primitive;
import dev.olympus.primitive.SelectN;
import dev.olympus.primitive.UnaryPrimitive;
import dev.olympus.simd.StripOp;
import java.util.Locale;

/**
 * The one table from elementwise primitives to loop-nest nodes (tinygrad's {@code code_for_op}): a unary or
 * binary primitive is the strip op of the same name, a comparison a compare node, {@code select_n} of two cases
 * a where node. Every back end then maps nodes to the same strip methods.
 */
public final class Elementwise {
  private Elementwise() {}

  /** Whether {@code p} computes each output element from the same-index elements of its operands. */
  public static boolean isElementwise(Primitive p) {
    return p instanceof UnaryPrimitive || p instanceof BinaryPrimitive || p instanceof SelectN
        || p instanceof ConvertElementType || p instanceof IntegerPow;
  }

  /** Whether {@code e} has a node: select_n needs a bool predicate and two cases. */
  static boolean fusible(Equation e) {
    Primitive p = e.primitive();
    if (p instanceof SelectN) return e.inputs().size() == 3 && e.inputs().get(0).aval().dtype() == DType.BOOL;
    if (p instanceof UnaryPrimitive u) return unaryOp(u, e.inputs().get(0).aval().dtype()) != null;
    if (p instanceof BinaryPrimitive b) return compareOp(b) != null || binaryOp(b) != null;
    return true;
  }

  static Expr expr(Equation e, int[] operands) {
    Primitive p = e.primitive();
    DType out = e.outputs().get(0).aval().dtype();
    if (p instanceof UnaryPrimitive u) return new Expr.Unary(unaryOp(u, e.inputs().get(0).aval().dtype()), out, operands[0]);
    if (p instanceof BinaryPrimitive b) {
      StripOp.Compare c = compareOp(b);
      if (c != null) return new Expr.Compare(c, e.inputs().get(0).aval().dtype(), operands[0], operands[1]);
      return new Expr.Binary(binaryOp(b), out, operands[0], operands[1]);
    }
    if (p instanceof SelectN) return new Expr.Where(out, operands[0], operands[2], operands[1]);
    if (p instanceof ConvertElementType) return new Expr.Convert(out, operands[0]);
    return new Expr.IntegerPow(out, e.params().integer("y"), operands[0]);
  }

  private static StripOp.Unary unaryOp(UnaryPrimitive u, DType operand) {
    if (u == UnaryPrimitive.NOT && operand == DType.BOOL) return StripOp.Unary.BOOL_NOT;
    if (operand == DType.BOOL) return null;
    try {
      return StripOp.Unary.valueOf(u.name().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException notAStripOp) {
      return null;
    }
  }

  private static StripOp.Binary binaryOp(BinaryPrimitive b) {
    try {
      return StripOp.Binary.valueOf(b.name().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException notAStripOp) {
      return null;
    }
  }

  private static StripOp.Compare compareOp(BinaryPrimitive b) {
    try {
      return StripOp.Compare.valueOf(b.name().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException notACompare) {
      return null;
    }
  }
}
