package dev.olympus.processor.interpret;

import com.sun.source.tree.Tree;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Java's rules for primitive values, as the interpreter holds them (boxed: {@code Integer}, {@code Double},
 * ...): assignment and cast conversions, binary numeric promotion, and the operators. Integer division by
 * zero throws {@link ArithmeticException}, as the compiled method would.
 */
final class JavaValues {
  private JavaValues() {}

  static boolean isNumeric(Object v) {
    return v instanceof Number || v instanceof Character;
  }

  /** The primitive kind a boxed value stands for, or null for references. */
  static TypeKind kindOf(Object v) {
    if (v instanceof Integer) return TypeKind.INT;
    if (v instanceof Double) return TypeKind.DOUBLE;
    if (v instanceof Float) return TypeKind.FLOAT;
    if (v instanceof Long) return TypeKind.LONG;
    if (v instanceof Boolean) return TypeKind.BOOLEAN;
    if (v instanceof Character) return TypeKind.CHAR;
    if (v instanceof Short) return TypeKind.SHORT;
    if (v instanceof Byte) return TypeKind.BYTE;
    return null;
  }

  /** Assignment (and cast) conversion of {@code v} to {@code target}: primitives and their boxes convert. */
  static Object coerce(Object v, TypeMirror target) {
    if (v == null || target == null || v instanceof UnknownStatic || v instanceof SymbolicStatic
        || v instanceof LoopIndex) {
      return v;
    }
    TypeKind kind = target.getKind();
    if (kind.isPrimitive()) return convert(v, kind);
    if (kind == TypeKind.DECLARED && kindOf(v) != null) {
      TypeKind boxed = switch (target.toString()) {
        case "java.lang.Integer" -> TypeKind.INT;
        case "java.lang.Long" -> TypeKind.LONG;
        case "java.lang.Float" -> TypeKind.FLOAT;
        case "java.lang.Double" -> TypeKind.DOUBLE;
        case "java.lang.Short" -> TypeKind.SHORT;
        case "java.lang.Byte" -> TypeKind.BYTE;
        case "java.lang.Character" -> TypeKind.CHAR;
        default -> null;
      };
      if (boxed != null) return convert(v, boxed);
    }
    return v;
  }

  /** A primitive conversion (widening or narrowing) of a boxed primitive to {@code kind}. */
  static Object convert(Object v, TypeKind kind) {
    if (kind == TypeKind.BOOLEAN) {
      if (v instanceof Boolean) return v;
      throw new IllegalStateException("not a boolean: " + v);
    }
    if (v instanceof Character c) v = (int) c;
    if (!(v instanceof Number n)) throw new IllegalStateException("not a number: " + v);
    return switch (kind) {
      case INT -> n instanceof Double || n instanceof Float ? (int) n.doubleValue() : (int) n.longValue();
      case LONG -> n instanceof Double || n instanceof Float ? (long) n.doubleValue() : n.longValue();
      case FLOAT -> n instanceof Double ? (float) n.doubleValue() : n instanceof Float ? n : (float) n.longValue();
      case DOUBLE -> n instanceof Double || n instanceof Float ? n.doubleValue() : (double) n.longValue();
      case SHORT -> n instanceof Double || n instanceof Float ? (short) (int) n.doubleValue() : (short) n.longValue();
      case BYTE -> n instanceof Double || n instanceof Float ? (byte) (int) n.doubleValue() : (byte) n.longValue();
      case CHAR -> n instanceof Double || n instanceof Float ? (char) (int) n.doubleValue() : (char) n.longValue();
      default -> throw new IllegalStateException("not a primitive kind: " + kind);
    };
  }

  /** Binary numeric promotion (JLS 5.6.2). */
  static TypeKind promote(Object a, Object b) {
    if (a instanceof Double || b instanceof Double) return TypeKind.DOUBLE;
    if (a instanceof Float || b instanceof Float) return TypeKind.FLOAT;
    if (a instanceof Long || b instanceof Long) return TypeKind.LONG;
    return TypeKind.INT;
  }

  /** Unary numeric promotion (JLS 5.6.1). */
  static TypeKind promote(Object a) {
    if (a instanceof Double) return TypeKind.DOUBLE;
    if (a instanceof Float) return TypeKind.FLOAT;
    if (a instanceof Long) return TypeKind.LONG;
    return TypeKind.INT;
  }

  static Object unary(Tree.Kind op, Object v) {
    switch (op) {
      case LOGICAL_COMPLEMENT:
        return !(Boolean) v;
      case UNARY_PLUS:
        return convert(v, promote(v));
      case UNARY_MINUS:
        return switch (promote(v)) {
          case DOUBLE -> -((Number) convert(v, TypeKind.DOUBLE)).doubleValue();
          case FLOAT -> -((Number) convert(v, TypeKind.FLOAT)).floatValue();
          case LONG -> -((Number) convert(v, TypeKind.LONG)).longValue();
          default -> -((Number) convert(v, TypeKind.INT)).intValue();
        };
      case BITWISE_COMPLEMENT:
        return promote(v) == TypeKind.LONG ? ~((Number) v).longValue() : ~(Integer) convert(v, TypeKind.INT);
      default:
        throw new IllegalStateException("not a unary operator: " + op);
    }
  }

  /** The value of {@code a op b} for primitive operands; {@code op} is not {@code &&}/{@code ||}. */
  static Object binary(Tree.Kind op, Object a, Object b) {
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return switch (op) {
        case AND -> x & y;
        case OR -> x | y;
        case XOR -> x ^ y;
        case EQUAL_TO -> x.booleanValue() == y.booleanValue();
        case NOT_EQUAL_TO -> x.booleanValue() != y.booleanValue();
        default -> throw new IllegalStateException(op + " on booleans");
      };
    }
    if (op == Tree.Kind.LEFT_SHIFT || op == Tree.Kind.RIGHT_SHIFT || op == Tree.Kind.UNSIGNED_RIGHT_SHIFT) {
      long distance = ((Number) convert(b, TypeKind.LONG)).longValue();
      if (promote(a) == TypeKind.LONG) {
        long x = (Long) convert(a, TypeKind.LONG);
        return switch (op) {
          case LEFT_SHIFT -> x << distance;
          case RIGHT_SHIFT -> x >> distance;
          default -> x >>> distance;
        };
      }
      int x = (Integer) convert(a, TypeKind.INT);
      return switch (op) {
        case LEFT_SHIFT -> x << distance;
        case RIGHT_SHIFT -> x >> distance;
        default -> x >>> distance;
      };
    }
    TypeKind kind = promote(a, b);
    switch (kind) {
      case DOUBLE: {
        double x = (Double) convert(a, kind), y = (Double) convert(b, kind);
        return switch (op) {
          case PLUS -> x + y;
          case MINUS -> x - y;
          case MULTIPLY -> x * y;
          case DIVIDE -> x / y;
          case REMAINDER -> x % y;
          default -> compare(op, x == y, x < y, x > y);
        };
      }
      case FLOAT: {
        float x = (Float) convert(a, kind), y = (Float) convert(b, kind);
        return switch (op) {
          case PLUS -> x + y;
          case MINUS -> x - y;
          case MULTIPLY -> x * y;
          case DIVIDE -> x / y;
          case REMAINDER -> x % y;
          default -> compare(op, x == y, x < y, x > y);
        };
      }
      case LONG: {
        long x = (Long) convert(a, kind), y = (Long) convert(b, kind);
        return switch (op) {
          case PLUS -> x + y;
          case MINUS -> x - y;
          case MULTIPLY -> x * y;
          case DIVIDE -> x / y;
          case REMAINDER -> x % y;
          case AND -> x & y;
          case OR -> x | y;
          case XOR -> x ^ y;
          default -> compare(op, x == y, x < y, x > y);
        };
      }
      default: {
        int x = (Integer) convert(a, TypeKind.INT), y = (Integer) convert(b, TypeKind.INT);
        return switch (op) {
          case PLUS -> x + y;
          case MINUS -> x - y;
          case MULTIPLY -> x * y;
          case DIVIDE -> x / y;
          case REMAINDER -> x % y;
          case AND -> x & y;
          case OR -> x | y;
          case XOR -> x ^ y;
          default -> compare(op, x == y, x < y, x > y);
        };
      }
    }
  }

  /** Comparisons with Java's float semantics: NaN is unequal to everything and unordered. */
  private static Object compare(Tree.Kind op, boolean eq, boolean lt, boolean gt) {
    return switch (op) {
      case EQUAL_TO -> eq;
      case NOT_EQUAL_TO -> !eq;
      case LESS_THAN -> lt;
      case GREATER_THAN -> gt;
      case LESS_THAN_EQUAL -> lt || eq;
      case GREATER_THAN_EQUAL -> gt || eq;
      default -> throw new IllegalStateException("not a binary operator on numbers: " + op);
    };
  }

  /** The binary operator of a compound assignment ({@code +=} is {@code +}). */
  static Tree.Kind operatorOf(Tree.Kind compound) {
    return switch (compound) {
      case PLUS_ASSIGNMENT -> Tree.Kind.PLUS;
      case MINUS_ASSIGNMENT -> Tree.Kind.MINUS;
      case MULTIPLY_ASSIGNMENT -> Tree.Kind.MULTIPLY;
      case DIVIDE_ASSIGNMENT -> Tree.Kind.DIVIDE;
      case REMAINDER_ASSIGNMENT -> Tree.Kind.REMAINDER;
      case AND_ASSIGNMENT -> Tree.Kind.AND;
      case OR_ASSIGNMENT -> Tree.Kind.OR;
      case XOR_ASSIGNMENT -> Tree.Kind.XOR;
      case LEFT_SHIFT_ASSIGNMENT -> Tree.Kind.LEFT_SHIFT;
      case RIGHT_SHIFT_ASSIGNMENT -> Tree.Kind.RIGHT_SHIFT;
      case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> Tree.Kind.UNSIGNED_RIGHT_SHIFT;
      default -> throw new IllegalStateException("not a compound assignment: " + compound);
    };
  }
}
