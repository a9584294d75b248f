package dev.olympus.processor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.DType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapeSpecTest {
  @Test
  void parsesWhatJaxprsPrint() throws Exception {
    ShapeSpec s = ShapeSpec.parse(" f32[b, 784] ");
    assertEquals(DType.F32, s.dtype());
    assertEquals(List.of(new ShapeSpec.Symbol("b"), new ShapeSpec.Size(784)), s.dims());
    assertEquals("f32[b,784]", s.toString());
    assertEquals(List.of("b"), s.symbols());
    assertEquals(List.of(), ShapeSpec.parse("i32[]").dims());
    assertTrue(ShapeSpec.parse("bool[...]").anyShape());
    assertEquals(DType.F64, ShapeSpec.parse("f64[n,n]").dtype());
    assertEquals(List.of("n"), ShapeSpec.parse("f64[n,n]").symbols());
  }

  @Test
  void rejectsWithAReason() {
    assertEquals("unknown dtype \"float32\"",
        assertThrows(ShapeSpec.SyntaxException.class, () -> ShapeSpec.parse("float32[3]")).getMessage());
    assertEquals("an empty dimension",
        assertThrows(ShapeSpec.SyntaxException.class, () -> ShapeSpec.parse("f32[3,]")).getMessage());
    assertEquals("\"3x\" is neither a size nor a dimension name",
        assertThrows(ShapeSpec.SyntaxException.class, () -> ShapeSpec.parse("f32[3x]")).getMessage());
    assertThrows(ShapeSpec.SyntaxException.class, () -> ShapeSpec.parse("f32[b,...]"));
    assertThrows(ShapeSpec.SyntaxException.class, () -> ShapeSpec.parse("f32"));
    assertThrows(ShapeSpec.SyntaxException.class, () -> ShapeSpec.parse("f32[99999999999]"));
  }
}
