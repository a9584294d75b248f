package dev.olympus.usage;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import dev.olympus.pytree.TreeDef;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Arguments for calling any public method of the API reflectively: a valid default for each parameter type, and
 * bad values of that type. The tests built on it walk every public method, so a method added later is tested
 * without anyone listing it.
 */
final class ApiArguments {
  private ApiArguments() {}

  /** A record with a component that is not an Array, where an Array pytree may be expected. */
  record Labelled(Array value, String label) {}

  /** The public methods {@code type} declares: static ones, or instance ones. */
  static List<Method> publicMethods(Class<?> type, boolean statics) {
    List<Method> out = new ArrayList<>();
    for (Method m : type.getDeclaredMethods()) {
      int mod = m.getModifiers();
      if (Modifier.isPublic(mod) && Modifier.isStatic(mod) == statics && !m.isSynthetic() && !m.isBridge()) out.add(m);
    }
    out.sort((a, b) -> signature(a).compareTo(signature(b)));
    return out;
  }

  static String signature(Method m) {
    StringBuilder sb = new StringBuilder(m.getDeclaringClass().getSimpleName()).append('.').append(m.getName()).append('(');
    Parameter[] ps = m.getParameters();
    for (int i = 0; i < ps.length; i++) {
      if (i > 0) sb.append(", ");
      sb.append(ps[i].getType().getSimpleName()).append(' ').append(ps[i].getName());
    }
    return sb.append(')').toString();
  }

  /**
   * Whether null is a value of this parameter: primitives cannot be null, and an {@code Object} parameter (an
   * erased type variable) is a pytree, where null is the empty tree, as None is in JAX.
   */
  static boolean mayBeNull(Parameter p) {
    // Lax.gather's fillValue: null means the dtype's default, as in JAX.
    return p.getType().isPrimitive() || p.getType() == Object.class || p.getType() == Double.class;
  }

  static Array vector() { return Jnp.array(1f, 2f); }

  static Object[] defaults(Method m) {
    Parameter[] ps = m.getParameters();
    Object[] args = new Object[ps.length];
    for (int i = 0; i < ps.length; i++) args[i] = defaultValue(ps[i]);
    return args;
  }

  static Object defaultValue(Parameter p) {
    Class<?> t = p.getType();
    if (t == int.class) return 0;
    if (t == long.class) return 0L;
    if (t == double.class) return 1.0;
    if (t == float.class) return 1f;
    if (t == boolean.class) return false;
    // Random's keys are u32[2] arrays; any other array is rejected before the argument under test is looked at.
    if (t == Array.class && p.getName().equals("key")) return dev.olympus.random.Random.key(0);
    if (t == Array.class || t == Object.class) return vector();
    if (t == Array[].class) return new Array[] {vector()};
    if (t == DType.class) return DType.F32;
    if (t == dev.olympus.primitive.GatherDimensionNumbers.class) {
      return new dev.olympus.primitive.GatherDimensionNumbers(new int[0], new int[] {0}, new int[] {0}, new int[0], new int[0]);
    }
    if (t == dev.olympus.primitive.ScatterDimensionNumbers.class) {
      return new dev.olympus.primitive.ScatterDimensionNumbers(new int[0], new int[] {0}, new int[] {0}, new int[0], new int[0]);
    }
    if (t == dev.olympus.primitive.GatherScatterMode.class) return dev.olympus.primitive.GatherScatterMode.CLIP;
    if (t == dev.olympus.primitive.WindowPadding.class) return dev.olympus.primitive.WindowPadding.none(1);
    if (t == dev.olympus.primitive.ConvDimensionNumbers.class) return dev.olympus.primitive.ConvDimensionNumbers.identity(3);
    if (t == int[].class) return new int[] {0};
    if (t == int[][].class) return new int[][] {{2}};
    if (t == float[].class) return new float[] {1, 2};
    if (t == double[].class) return new double[] {1, 2};
    if (t == long[].class) return new long[] {1, 2};
    if (t == boolean[].class) return new boolean[] {true, false};
    if (t == Object[].class) return new Object[] {vector()};
    if (t == String.class) return "{}";
    if (t == AbstractValue.class) return AbstractValue.of(DType.F32, 2);
    if (t == TreeDef.class) return new TreeDef.Leaf();
    if (t == Storage.class) return Storage.scalar(DType.F32, 1);
    if (t == Fn1.class) return (Fn1<Object, Object>) x -> x;
    if (t == Fn2.class) return (Fn2<Object, Object, Object>) (a, b) -> Lax.carry(a, null);
    if (t == Function.class) return (Function<List<Array>, Object>) xs -> vector();
    if (t == UnaryOperator.class) return (UnaryOperator<Array>) x -> x;
    if (t == Consumer.class) return (Consumer<Object>) x -> { };
    if (t == List.class) {
      Class<?> element = elementType(p);
      if (element == Fn1.class) return List.of((Fn1<Object, Object>) x -> x);
      if (element == AbstractValue.class) return List.of(AbstractValue.of(DType.F32, 2));
      return List.of(vector());
    }
    return null;
  }

  private static Class<?> elementType(Parameter p) {
    Type t = p.getParameterizedType();
    if (t instanceof ParameterizedType pt) {
      Type e = pt.getActualTypeArguments()[0];
      if (e instanceof ParameterizedType ept) return (Class<?>) ept.getRawType();
      if (e instanceof Class<?> c) return c;
    }
    return Object.class;
  }

  /** Values of this parameter's type that no method should turn into anything but an OlympusException. */
  static List<Object> badValues(Parameter p, boolean runsLoops) {
    Class<?> t = p.getType();
    List<Object> raw = new ArrayList<>();
    List<Object> out = new ArrayList<>();
    if (t == int.class) {
      out.addAll(List.of(-1, 99, Integer.MIN_VALUE));
      // A huge trip count is valid for a loop, and would run for hours: the loops get the other values.
      if (!runsLoops) out.add(Integer.MAX_VALUE);
    } else if (t == long.class) {
      out.addAll(List.of(-1L, Long.MIN_VALUE, Long.MAX_VALUE));
    } else if (t == double.class) {
      out.addAll(List.of(Double.NaN, Double.NEGATIVE_INFINITY, -1e300));
    } else if (t == float.class) {
      out.addAll(List.of(Float.NaN, Float.POSITIVE_INFINITY));
    } else if (t == Array.class) {
      out.addAll(arrays());
    } else if (t == Object.class) {
      // A loop's carry that its (identity) condition reads as true would loop for ever.
      out.addAll(runsLoops ? List.of(Jnp.zeros(DType.I32, 2, 1, 3), Jnp.scalar(false)) : arrays());
      out.addAll(List.of(new Labelled(vector(), "w"), "a string", 3, List.of(vector(), "b"),
          Map.of(1, vector()), Arrays.asList(vector(), null)));
    } else if (t == Array[].class) {
      out.add(new Array[0]);
      out.add(new Array[] {null});
      out.add(arrays().toArray(new Array[0]));
    } else if (t == DType.class) {
      out.addAll(List.of(DType.BOOL, DType.I32, DType.I64, DType.F64));
    } else if (t == int[].class) {
      out.addAll(List.of(new int[] {-1}, new int[] {65536, 65536}, new int[] {Integer.MAX_VALUE},
          new int[] {7, 0, Integer.MAX_VALUE}, new int[0], new int[] {5, 5, 5}, new int[] {99},
          new int[] {Integer.MIN_VALUE, 2}, new int[] {1 << 30, 1 << 30, 1 << 30, 1 << 30}));
    } else if (t == int[][].class) {
      out.addAll(List.of(new int[0][], new int[][] {null}, new int[][] {{-1}, {2}}, new int[][] {{3}, {4}}));
    } else if (t == float[].class || t == double[].class || t == long[].class || t == boolean[].class) {
      out.add(java.lang.reflect.Array.newInstance(t.getComponentType(), 0));
      out.add(java.lang.reflect.Array.newInstance(t.getComponentType(), 5));
    } else if (t == String.class) {
      out.addAll(List.of("", "{", "{} {}", "{5}", "{99999999999}", "{x}"));
    } else if (t == AbstractValue.class) {
      out.addAll(List.of(AbstractValue.of(DType.BOOL), AbstractValue.of(DType.I32, 3, 0)));
    } else if (t == TreeDef.class) {
      out.add(new TreeDef.ListNode(List.of(new TreeDef.Leaf(), new TreeDef.Leaf())));
    } else if (t == Fn1.class) {
      out.addAll(List.of((Fn1<Object, Object>) x -> null, (Fn1<Object, Object>) x -> "not an array",
          (Fn1<Object, Object>) x -> List.of(x, x)));
      // A loop whose condition is always true is valid, and never ends.
      if (!runsLoops) out.add((Fn1<Object, Object>) x -> Jnp.scalar(true));
    } else if (t == Fn2.class) {
      out.addAll(List.of((Fn2<Object, Object, Object>) (a, b) -> null,
          (Fn2<Object, Object, Object>) (a, b) -> "not a carry", (Fn2<Object, Object, Object>) (a, b) -> b,
          (Fn2<Object, Object, Object>) (a, b) -> Lax.carry("not an array", b)));
    } else if (t == Function.class) {
      out.addAll(List.of((Function<Object, Object>) xs -> null, (Function<Object, Object>) xs -> "a string",
          (Function<Object, Object>) xs -> List.of("a string"), (Function<Object, Object>) xs -> Jnp.scalar(true)));
    } else if (t == UnaryOperator.class) {
      out.addAll(List.of((UnaryOperator<Object>) x -> null, (UnaryOperator<Object>) x -> "a string"));
    } else if (t == List.class) {
      raw.add(List.of());
      raw.add(List.of("a string"));
      raw.add(Arrays.asList((Object) null));
      raw.add(List.of(42));
      if (elementType(p) == Array.class) raw.addAll(List.of(arrays(), List.of(Jnp.scalar(1f), Jnp.zeros(DType.I32, 2, 2))));
      out.addAll(raw);
    }
    return out;
  }

  /** Arrays an op may not accept: a bool scalar, a rank-3 int, an empty vector, an f64 matrix, a weak scalar. */
  static List<Array> arrays() {
    return List.of(Jnp.scalar(true), Jnp.zeros(DType.I32, 2, 1, 3), Jnp.zeros(DType.F32, 0),
        Jnp.zeros(DType.F64, 2, 2), Jnp.literal(1.5));
  }

  static String describe(Object v) {
    if (v == null) return "null";
    if (v instanceof int[] a) return Arrays.toString(a);
    if (v instanceof int[][] a) return Arrays.deepToString(a);
    if (v instanceof Object[] a) return Arrays.toString(a);
    if (v.getClass().isArray()) return v.getClass().getComponentType() + "[" + java.lang.reflect.Array.getLength(v) + "]";
    String s = String.valueOf(v);
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
