package dev.olympus.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.numpy.Jnp;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Array.toString()} against JAX's repr. The expected strings were produced independently by NumPy 2.4's
 * {@code np.array2string(a, prefix='Array(', suffix=',', separator=', ')} wrapped exactly as JAX's
 * {@code Array.__repr__} wraps it, on the same data built with NumPy.
 */
class ArrayFormatTest {
  static float[] ramp(int n, float scale) {
    float[] f = new float[n];
    for (int i = 0; i < n; i++) f[i] = i * scale;
    return f;
  }

  static Stream<Arguments> reprs() {
    return Stream.of(
        Arguments.of("scalarF32", Jnp.scalar(3.5f),
            "Array(3.5, dtype=float32)"),
        Arguments.of("scalarNeg", Jnp.scalar(-2f),
            "Array(-2., dtype=float32)"),
        Arguments.of("scalarBool", Jnp.scalar(true),
            "Array(True, dtype=bool)"),
        Arguments.of("scalarInt", Jnp.scalar(-7),
            "Array(-7, dtype=int32)"),
        Arguments.of("ints", Jnp.array(1,2,3),
            "Array([1, 2, 3], dtype=int32)"),
        Arguments.of("ints2d", Jnp.array(new int[]{1,-2,3,4},2,2),
            "Array([[ 1, -2],\n"
            + "       [ 3,  4]], dtype=int32)"),
        Arguments.of("bools", Jnp.array(true,false),
            "Array([ True, False], dtype=bool)"),
        Arguments.of("allTrue", Jnp.array(true,true),
            "Array([ True,  True], dtype=bool)"),
        Arguments.of("nanInf", Jnp.array(Float.NaN, Float.POSITIVE_INFINITY, -1f),
            "Array([nan, inf, -1.], dtype=float32)"),
        Arguments.of("nanOne", Jnp.array(Float.NaN, 1f),
            "Array([nan,  1.], dtype=float32)"),
        Arguments.of("negInf", Jnp.array(Float.NEGATIVE_INFINITY, 0.5f),
            "Array([-inf,  0.5], dtype=float32)"),
        Arguments.of("arange2000", Jnp.arange(2000),
            "Array([   0,    1,    2, ..., 1997, 1998, 1999], dtype=int32)"),
        Arguments.of("arange2000f", Jnp.arange(2000, DType.F32),
            "Array([0.000e+00, 1.000e+00, 2.000e+00, ..., 1.997e+03, 1.998e+03,\n"
            + "       1.999e+03], dtype=float32)"),
        Arguments.of("arange30", Jnp.arange(30),
            "Array([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16,\n"
            + "       17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29], dtype=int32)"),
        Arguments.of("arange30f", Jnp.arange(30, DType.F32).div(Jnp.scalar(7f)),
            "Array([0.        , 0.14285715, 0.2857143 , 0.42857143, 0.5714286 ,\n"
            + "       0.71428573, 0.85714287, 1.        , 1.1428572 , 1.2857143 ,\n"
            + "       1.4285715 , 1.5714285 , 1.7142857 , 1.8571428 , 2.        ,\n"
            + "       2.142857  , 2.2857144 , 2.4285715 , 2.5714285 , 2.7142856 ,\n"
            + "       2.857143  , 3.        , 3.142857  , 3.2857144 , 3.4285715 ,\n"
            + "       3.5714285 , 3.7142856 , 3.857143  , 4.        , 4.142857  ],      dtype=float32)"),
        Arguments.of("empty", Jnp.zeros(DType.F32, 0),
            "Array([], shape=(0,), dtype=float32)"),
        Arguments.of("empty2d", Jnp.zeros(DType.F32, 2, 0),
            "Array([], shape=(2, 0), dtype=float32)"),
        Arguments.of("small", Jnp.array(1e-5f, 1f),
            "Array([1.e-05, 1.e+00], dtype=float32)"),
        Arguments.of("smallMixed", Jnp.array(0.1f, 1.2345678e-5f),
            "Array([1.0000000e-01, 1.2345678e-05], dtype=float32)"),
        Arguments.of("big", Jnp.array(1e20f, 1f),
            "Array([1.e+20, 1.e+00], dtype=float32)"),
        Arguments.of("fracs", Jnp.array(0.1f, 0.25f),
            "Array([0.1 , 0.25], dtype=float32)"),
        Arguments.of("f64", Jnp.array(DType.F64, new double[]{0.1, 1/3.0}, 2),
            "Array([0.1       , 0.33333333], dtype=float64)"),
        Arguments.of("third", Jnp.array(1/3f, 2f),
            "Array([0.33333334, 2.        ], dtype=float32)"),
        Arguments.of("negzero", Jnp.array(-0.0f, 1f),
            "Array([-0.,  1.], dtype=float32)"),
        Arguments.of("linspace", Jnp.linspace(0,1,5),
            "Array([0.  , 0.25, 0.5 , 0.75, 1.  ], dtype=float32)"),
        Arguments.of("selu", Jnp.array(0f, 1.05f, 2.1f, 3.1499999f, 4.2f),
            "Array([0.       , 1.05     , 2.1      , 3.1499999, 4.2      ], dtype=float32)"),
        Arguments.of("big3d", Jnp.arange(24).reshape(2,3,4),
            "Array([[[ 0,  1,  2,  3],\n"
            + "        [ 4,  5,  6,  7],\n"
            + "        [ 8,  9, 10, 11]],\n"
            + "\n"
            + "       [[12, 13, 14, 15],\n"
            + "        [16, 17, 18, 19],\n"
            + "        [20, 21, 22, 23]]], dtype=int32)"),
        Arguments.of("sum3d", Jnp.arange(6000, DType.F32).reshape(2,3,1000),
            "Array([[[0.000e+00, 1.000e+00, 2.000e+00, ..., 9.970e+02, 9.980e+02,\n"
            + "         9.990e+02],\n"
            + "        [1.000e+03, 1.001e+03, 1.002e+03, ..., 1.997e+03, 1.998e+03,\n"
            + "         1.999e+03],\n"
            + "        [2.000e+03, 2.001e+03, 2.002e+03, ..., 2.997e+03, 2.998e+03,\n"
            + "         2.999e+03]],\n"
            + "\n"
            + "       [[3.000e+03, 3.001e+03, 3.002e+03, ..., 3.997e+03, 3.998e+03,\n"
            + "         3.999e+03],\n"
            + "        [4.000e+03, 4.001e+03, 4.002e+03, ..., 4.997e+03, 4.998e+03,\n"
            + "         4.999e+03],\n"
            + "        [5.000e+03, 5.001e+03, 5.002e+03, ..., 5.997e+03, 5.998e+03,\n"
            + "         5.999e+03]]], dtype=float32)"),
        Arguments.of("wide2d", Jnp.array(ramp(40, 1.5f), 2, 20),
            "Array([[ 0. ,  1.5,  3. ,  4.5,  6. ,  7.5,  9. , 10.5, 12. , 13.5, 15. ,\n"
            + "        16.5, 18. , 19.5, 21. , 22.5, 24. , 25.5, 27. , 28.5],\n"
            + "       [30. , 31.5, 33. , 34.5, 36. , 37.5, 39. , 40.5, 42. , 43.5, 45. ,\n"
            + "        46.5, 48. , 49.5, 51. , 52.5, 54. , 55.5, 57. , 58.5]],      dtype=float32)"),
        Arguments.of("i64", Jnp.array(new long[]{1L<<40, -1}, 2),
            "Array([1099511627776,            -1], dtype=int64)"),
        Arguments.of("ratio", Jnp.array(1f, 1000.5f),
            "Array([1.0000e+00, 1.0005e+03], dtype=float32)"),
        Arguments.of("ratio2", Jnp.array(1f, 1001f),
            "Array([1.000e+00, 1.001e+03], dtype=float32)"),
        Arguments.of("e8", Jnp.array(1e8f, 1f),
            "Array([1.e+08, 1.e+00], dtype=float32)"),
        Arguments.of("pi", Jnp.array((float)Math.PI, (float)-Math.E),
            "Array([ 3.1415927, -2.7182817], dtype=float32)"),
        Arguments.of("sci_nan", Jnp.array(1e-7f, Float.NaN, Float.NEGATIVE_INFINITY),
            "Array([1.e-07,    nan,   -inf], dtype=float32)"),
        Arguments.of("large_long", Jnp.arange(1001, DType.I64).mul(Jnp.scalar(123456789L)),
            "Array([           0,    123456789,    246913578, ..., 123209875422,\n"
            + "       123333332211, 123456789000], dtype=int64)"),
        Arguments.of("weak", Jnp.literal(2.0),
            "Array(2., dtype=float32, weak_type=True)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reprs")
  void matchesNumpyAndJaxRepr(String name, Array a, String expected) {
    assertEquals(expected, a.toString());
  }

  /** Python's repr of the float a weak literal stands for; NumPy's str for a strong float32 scalar. */
  @Test
  void jaxprLiterals() {
    assertEquals("2.0", lit(DType.F32, 2.0, true));
    assertEquals("0.1", lit(DType.F32, 0.1, true));
    assertEquals("1e-05", lit(DType.F32, 1e-5, true));
    assertEquals("1.5e+20", lit(DType.F32, 1.5e20, true));
    assertEquals("1e+16", lit(DType.F64, 1e16, false));
    assertEquals("0.3333333333333333", lit(DType.F64, 1 / 3.0, false));
    assertEquals("0.33333334", lit(DType.F32, 1 / 3.0, false));
    // NumPy: str(np.float32(1e6)) == '1e+06', str(np.float32(999999.9)) == '999999.9', str(np.float32(1e-4)) == '1e-04'.
    assertEquals("1e+06", lit(DType.F32, 1e6, false));
    assertEquals("999999.9", lit(DType.F32, 999999.9, false));
    assertEquals("1e-04", lit(DType.F32, 1e-4, false));
    assertEquals("-0.0", lit(DType.F32, -0.0, false));
    assertEquals("nan", lit(DType.F32, Double.NaN, true));
    assertEquals("-inf", lit(DType.F64, Double.NEGATIVE_INFINITY, false));
    assertEquals("3", lit(DType.I32, 3, true));
    assertEquals("-9223372036854775808", ArrayFormat.literal(Storage.scalarLong(DType.I64, Long.MIN_VALUE), false));
    assertEquals("True", lit(DType.BOOL, 1, false));
  }

  /**
   * {@link ArrayFormat#str}, what {@code debugPrint} shows, against NumPy 2.4's {@code str()} of the same data
   * (a 0-d array prints as its NumPy scalar; others as {@code array2string} with {@code separator=' '}).
   */
  @Test
  void strIsNumpyStr() {
    assertEquals("1.5", ArrayFormat.str(Jnp.scalar(1.5f).storage()));
    assertEquals("0.1", ArrayFormat.str(Jnp.scalar(0.1f).storage()));
    assertEquals("1e+07", ArrayFormat.str(Jnp.scalar(1e7f).storage()));
    assertEquals("3", ArrayFormat.str(Jnp.scalar(3).storage()));
    assertEquals("True", ArrayFormat.str(Jnp.scalar(true).storage()));
    assertEquals("[1. 2. 3.]", ArrayFormat.str(Jnp.array(1f, 2f, 3f).storage()));
    assertEquals("[[1 2]\n [3 4]]", ArrayFormat.str(Jnp.array(new int[] {1, 2, 3, 4}, 2, 2).storage()));
    assertEquals("[ True False]", ArrayFormat.str(Jnp.array(true, false).storage()));
    assertEquals("[1.e-05 1.e+00]", ArrayFormat.str(Jnp.array(1e-5f, 1f).storage()));
    assertEquals("[ nan -inf  2.5]",
        ArrayFormat.str(Jnp.array(Float.NaN, Float.NEGATIVE_INFINITY, 2.5f).storage()));
    assertEquals("[]", ArrayFormat.str(Jnp.zeros(DType.F32, 0).storage()));
    assertEquals("[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14. 15. 16. 17.\n"
        + " 18. 19. 20. 21. 22. 23. 24. 25. 26. 27. 28. 29.]", ArrayFormat.str(Jnp.arange(30, DType.F32).storage()));
    assertEquals("[   0    1    2 ... 1997 1998 1999]", ArrayFormat.str(Jnp.arange(2000).storage()));
  }

  private static String lit(DType d, double v, boolean weak) {
    return ArrayFormat.literal(Storage.scalar(d, v), weak);
  }
}
