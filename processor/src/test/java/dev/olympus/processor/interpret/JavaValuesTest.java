package dev.olympus.processor.interpret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.source.tree.Tree;
import javax.lang.model.type.TypeKind;
import org.junit.jupiter.api.Test;

/** The interpreter's Java arithmetic against the JVM's own operators on the same operand types. */
class JavaValuesTest {
  @Test
  void binaryNumericPromotionAndOperatorsAgreeWithJava() {
    int i = 7;
    long l = -3L;
    float f = 2.5f;
    double d = 0.1;
    char c = 'A';
    assertEquals(i / 2, JavaValues.binary(Tree.Kind.DIVIDE, i, 2));
    assertEquals(-7 % 3, JavaValues.binary(Tree.Kind.REMAINDER, -7, 3));
    assertEquals(i * l, JavaValues.binary(Tree.Kind.MULTIPLY, i, l));
    assertEquals(i + f, JavaValues.binary(Tree.Kind.PLUS, i, f));
    assertEquals(f * d, JavaValues.binary(Tree.Kind.MULTIPLY, f, d));
    assertEquals(c + 1, JavaValues.binary(Tree.Kind.PLUS, c, 1));
    assertEquals(Integer.MAX_VALUE + 1, JavaValues.binary(Tree.Kind.PLUS, Integer.MAX_VALUE, 1));
    assertEquals(1 << 33, JavaValues.binary(Tree.Kind.LEFT_SHIFT, 1, 33));
    assertEquals(1L << 33, JavaValues.binary(Tree.Kind.LEFT_SHIFT, 1L, 33));
    assertEquals(-8 >>> 1, JavaValues.binary(Tree.Kind.UNSIGNED_RIGHT_SHIFT, -8, 1));
    assertEquals(6 & 3, JavaValues.binary(Tree.Kind.AND, 6, 3));
    assertEquals(true ^ false, JavaValues.binary(Tree.Kind.XOR, true, false));
    assertEquals(0.1f + 0.2f, JavaValues.binary(Tree.Kind.PLUS, 0.1f, 0.2f));
    assertEquals(Double.NaN < 1, JavaValues.binary(Tree.Kind.LESS_THAN, Double.NaN, 1));
    assertEquals(Double.NaN != Double.NaN, JavaValues.binary(Tree.Kind.NOT_EQUAL_TO, Double.NaN, Double.NaN));
    assertEquals(5.0 % -3, JavaValues.binary(Tree.Kind.REMAINDER, 5.0, -3));
    assertThrows(ArithmeticException.class, () -> JavaValues.binary(Tree.Kind.DIVIDE, 1, 0));
    assertEquals(1.0 / 0, JavaValues.binary(Tree.Kind.DIVIDE, 1.0, 0));
  }

  @Test
  void conversionsAgreeWithJavaCasts() {
    assertEquals((int) 3.99, JavaValues.convert(3.99, TypeKind.INT));
    assertEquals((int) -3.99, JavaValues.convert(-3.99, TypeKind.INT));
    assertEquals((int) Double.NaN, JavaValues.convert(Double.NaN, TypeKind.INT));
    assertEquals((int) 1e20, JavaValues.convert(1e20, TypeKind.INT));
    assertEquals((byte) 300, JavaValues.convert(300, TypeKind.BYTE));
    assertEquals((char) 65, JavaValues.convert(65, TypeKind.CHAR));
    assertEquals((float) 0.1, JavaValues.convert(0.1, TypeKind.FLOAT));
    assertEquals((double) 0.1f, JavaValues.convert(0.1f, TypeKind.DOUBLE));
    assertEquals((long) Float.POSITIVE_INFINITY, JavaValues.convert(Float.POSITIVE_INFINITY, TypeKind.LONG));
    assertEquals((int) 'z', JavaValues.convert('z', TypeKind.INT));
  }

  @Test
  void unaryOperators() {
    assertEquals(-(byte) 5, JavaValues.unary(Tree.Kind.UNARY_MINUS, (byte) 5));
    assertEquals(~7L, JavaValues.unary(Tree.Kind.BITWISE_COMPLEMENT, 7L));
    assertEquals(-0.0f, JavaValues.unary(Tree.Kind.UNARY_MINUS, 0.0f));
    assertEquals(false, JavaValues.unary(Tree.Kind.LOGICAL_COMPLEMENT, true));
    assertEquals(+'a', JavaValues.unary(Tree.Kind.UNARY_PLUS, 'a'));
  }
}
