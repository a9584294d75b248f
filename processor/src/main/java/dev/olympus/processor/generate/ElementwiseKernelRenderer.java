package dev.olympus.processor.generate;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.olympus.DType;
import dev.olympus.ir.Atom;
import dev.olympus.ir.ClosedIr;
import dev.olympus.ir.Equation;
import dev.olympus.ir.Ir;
import dev.olympus.ir.Literal;
import dev.olympus.ir.Var;
import dev.olympus.primitive.BinaryPrimitive;
import dev.olympus.primitive.ConvertElementType;
import dev.olympus.primitive.IntegerPow;
import dev.olympus.primitive.SelectN;
import dev.olympus.primitive.UnaryPrimitive;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;

/**
 * Rank-polymorphic kernels for pure elementwise chains: an IR made only of elementwise primitives (unary,
 * binary, comparisons, {@code select_n}, {@code convert_element_type}, {@code integer_pow}) over one shape is
 * a single loop over the elements, whatever the rank and size of the arguments, with every intermediate a
 * local and the values that do not depend on the element computed once before the loop. Declines anything
 * else (then {@link LoweringKernelRenderer} lowers it for the declared shapes). Each operation uses the primitive's own Java expression
 * ({@link UnaryPrimitive#javaExpression}, {@link BinaryPrimitive#javaExpression}) in double or long arithmetic,
 * rounded once to its dtype, exactly as the eager kernels compute, so results match eager bit for bit.
 * Locals are named after the IR's variables, so the loop reads next to the IR in the file header.
 */
public final class ElementwiseKernelRenderer implements KernelRenderer {
  private static final ClassName ARRAY = ClassName.get("dev.olympus", "Array");
  private static final ClassName DTYPE = ClassName.get("dev.olympus", "DType");
  private static final ClassName STORAGE = ClassName.get("dev.olympus.storage", "Storage");

  @Override
  public KernelRendering render(KernelRequest request) {
    ClosedIr closed = request.ir();
    Ir ir = closed.ir();
    if (!request.rankPolymorphic()) return declined("its inputs have declared shapes, or its IR depends on their rank");
    if (!ir.constvars().isEmpty()) return declined("it closes over constant arrays");
    Shape shape = null;
    for (Var v : ir.invars()) {
      if (v.aval().rank() == 0) continue;
      if (shape == null) shape = v.aval().shape();
      if (!shape.equals(v.aval().shape())) return declined("its inputs have different shapes");
    }
    for (Equation e : ir.equations()) {
      String why = unsupported(e, shape);
      if (why != null) return declined(why);
    }
    for (Atom out : ir.outputs()) {
      if (!(out instanceof Var v)) return declined("an output is a constant");
      if (shape != null && v.aval().rank() == 0) return declined("an output is a scalar computed from arrays");
    }
    return new KernelRendering.Rendered(method(request, ir, shape), KernelRendering.Coverage.ANY_SHAPE);
  }

  private static KernelRendering declined(String why) {
    return new KernelRendering.Declined("not a pure elementwise chain: " + why);
  }

  /** Why {@code e} is not a fused elementwise step over {@code shape}, or null if it is. */
  private static String unsupported(Equation e, Shape shape) {
    for (Var o : e.outputs()) {
      if (o.aval().rank() != 0 && !o.aval().shape().equals(shape)) return e.primitive().name() + " changes the shape";
    }
    for (Atom a : e.inputs()) {
      if (a.aval().rank() != 0 && !a.aval().shape().equals(shape)) return e.primitive().name() + " mixes shapes";
    }
    if (e.primitive() instanceof UnaryPrimitive u) {
      DType d = e.inputs().get(0).aval().dtype();
      if (d == DType.BOOL && u != UnaryPrimitive.NOT) return u.name() + " on bool";
      return null;
    }
    if (e.primitive() instanceof BinaryPrimitive b) {
      DType d = e.inputs().get(0).aval().dtype();
      if (d == DType.BOOL && b.kind() != BinaryPrimitive.Kind.LOGICAL && b != BinaryPrimitive.EQ
          && b != BinaryPrimitive.NE) {
        return b.name() + " on bool";
      }
      return null;
    }
    if (e.primitive() instanceof SelectN) {
      return e.inputs().size() == 3 && e.inputs().get(0).aval().dtype() == DType.BOOL ? null
          : "select_n with an integer selector";
    }
    if (e.primitive() instanceof ConvertElementType || e.primitive() instanceof IntegerPow) return null;
    return e.primitive().name() + " is not elementwise";
  }

  // ---- rendering ------------------------------------------------------------------------------------------------

  private static MethodSpec method(KernelRequest request, Ir ir, Shape shape) {
    Map<Var, String> names = new IdentityHashMap<>();
    Set<String> reserved = new HashSet<>(List.of("i", "n", "out"));
    for (KernelRequest.Input in : request.inputs()) reserved.add(in.name());
    int counter = 0;
    for (Var v : ir.invars()) names.put(v, local(counter++, reserved));
    Set<Var> used = new HashSet<>();
    for (Equation e : ir.equations()) for (Atom a : e.inputs()) if (a instanceof Var v) used.add(v);
    for (Atom a : ir.outputs()) if (a instanceof Var v) used.add(v);
    for (Equation e : ir.equations()) {
      for (Var o : e.outputs()) if (used.contains(o)) names.put(o, local(counter++, reserved));
    }

    MethodSpec.Builder m = MethodSpec.methodBuilder(request.methodName())
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(ArrayTypeName.of(ARRAY))
        .addJavadoc("The fused kernel of {@code $L}: one loop, every intermediate a local.\n", request.sourceMethod());
    for (KernelRequest.Input in : request.inputs()) m.addParameter(ARRAY, in.name());

    CodeBlock.Builder body = CodeBlock.builder();
    String shapeSource = null;
    for (int k = 0; k < ir.invars().size(); k++) {
      Var v = ir.invars().get(k);
      String param = request.inputs().get(k).name();
      body.addStatement("$T $L = $L.storage().$L()", dataType(v.aval().dtype()), param + "Data", param,
          Storage.accessorName(v.aval().dtype()));
      if (v.aval().rank() != 0 && shapeSource == null) shapeSource = param;
    }
    body.addStatement("int n = $L", shapeSource == null ? "1" : shapeSource + "Data.length");
    List<String> outArrays = new ArrayList<>();
    for (int k = 0; k < ir.outputs().size(); k++) {
      Var out = (Var) ir.outputs().get(k);
      String array = ir.outputs().size() == 1 ? "out" : "out" + k;
      outArrays.add(array);
      if (ir.invars().contains(out)) continue;
      body.addStatement("$T $L = new $L[n]", dataType(out.aval().dtype()), array, Storage.javaElementType(out.aval().dtype()));
    }
    // Values that do not depend on the element index are computed once, before the loop.
    Set<Var> varying = new HashSet<>();
    for (Var v : ir.invars()) {
      String name = names.get(v);
      if (v.aval().rank() == 0) {
        body.addStatement("$L $L = $LData[0]", local(v.aval().dtype()), name, inputName(request, ir, v));
      } else {
        varying.add(v);
      }
    }
    List<Equation> inLoop = new ArrayList<>();
    for (Equation e : ir.equations()) {
      boolean dependsOnIndex = e.inputs().stream().anyMatch(a -> a instanceof Var v && varying.contains(v));
      if (dependsOnIndex) {
        varying.addAll(e.outputs());
        inLoop.add(e);
      } else if (used.contains(e.outputs().get(0))) {
        body.addStatement("$L $L = $L", local(e.outputs().get(0).aval().dtype()), names.get(e.outputs().get(0)),
            expression(e, names));
      }
    }
    body.beginControlFlow("for (int i = 0; i < n; i++)");
    for (Var v : ir.invars()) {
      if (v.aval().rank() != 0) {
        body.addStatement("$L $L = $LData[i]", local(v.aval().dtype()), names.get(v), inputName(request, ir, v));
      }
    }
    for (Equation e : inLoop) {
      Var o = e.outputs().get(0);
      if (!used.contains(o)) continue;
      body.addStatement("$L $L = $L", local(o.aval().dtype()), names.get(o), expression(e, names));
    }
    for (int k = 0; k < ir.outputs().size(); k++) {
      Var out = (Var) ir.outputs().get(k);
      if (ir.invars().contains(out)) continue;
      body.addStatement("$L[i] = $L", outArrays.get(k), store(out.aval().dtype(), names.get(out)));
    }
    body.endControlFlow();

    List<CodeBlock> results = new ArrayList<>();
    for (int k = 0; k < ir.outputs().size(); k++) {
      Var out = (Var) ir.outputs().get(k);
      if (ir.invars().contains(out)) {
        results.add(CodeBlock.of("$L", inputName(request, ir, out)));
        continue;
      }
      AbstractValue aval = out.aval();
      CodeBlock shapeExpr = shapeSource == null
          ? CodeBlock.of("$T.SCALAR", ClassName.get("dev.olympus.types", "Shape"))
          : CodeBlock.of("$L.storage().shape()", shapeSource);
      results.add(CodeBlock.of("$T.fromStorage($T.wrap($T.$L, $L, $L), $L)", ARRAY, STORAGE, DTYPE,
          aval.dtype().name(), shapeExpr, outArrays.get(k), aval.weak()));
    }
    CodeBlock.Builder all = CodeBlock.builder().add("return new $T[] {", ARRAY);
    for (int k = 0; k < results.size(); k++) all.add(k == 0 ? "$L" : ", $L", results.get(k));
    body.addStatement(all.add("}").build());
    return m.addCode(body.build()).build();
  }

  private static String inputName(KernelRequest request, Ir ir, Var v) {
    return request.inputs().get(ir.invars().indexOf(v)).name();
  }

  /** The IR printer's name for the n-th variable ({@code a..z, ba, ..}), made a legal, unreserved Java name. */
  private static String local(int n, Set<String> reserved) {
    StringBuilder sb = new StringBuilder();
    int k = n;
    do {
      sb.append((char) ('a' + k % 26));
      k /= 26;
    } while (k > 0);
    String name = sb.reverse().toString();
    while (reserved.contains(name) || SourceVersion.isKeyword(name) || name.endsWith("Data")) name = name + "_";
    return name;
  }

  /** The Java type that holds one element while computing: doubles for floats, longs for integers. */
  private static String local(DType d) {
    return switch (d) {
      case F32, F64 -> "double";
      case I32, I64 -> "long";
      case BOOL -> "boolean";
    };
  }

  private static TypeName dataType(DType d) {
    return ArrayTypeName.of(switch (d) {
      case F32 -> TypeName.FLOAT;
      case F64 -> TypeName.DOUBLE;
      case I32 -> TypeName.INT;
      case I64 -> TypeName.LONG;
      case BOOL -> TypeName.BOOLEAN;
    });
  }

  /** Narrows a computed local to the element type of the output array. */
  private static String store(DType d, String local) {
    return switch (d) {
      case F32 -> "(float) " + local;
      case I32 -> "(int) " + local;
      default -> local;
    };
  }

  /** Rounds a double or long expression to {@code d}, as the eager kernels round each result once. */
  private static String round(DType d, String expression) {
    return switch (d) {
      case F32 -> "(float) " + expression;
      case I32 -> "(int) " + expression;
      default -> expression;
    };
  }

  private static String atom(Atom a, Map<Var, String> names) {
    if (a instanceof Var v) return names.get(v);
    Literal l = (Literal) a;
    DType d = l.aval().dtype();
    return switch (d) {
      case F32 -> floatLiteral((float) l.doubleValue());
      case F64 -> doubleLiteral(l.doubleValue());
      case I32, I64 -> l.longValue() + "L";
      case BOOL -> l.longValue() != 0 ? "true" : "false";
    };
  }

  private static String floatLiteral(float f) {
    if (Float.isNaN(f)) return "Float.NaN";
    if (Float.isInfinite(f)) return f > 0 ? "Float.POSITIVE_INFINITY" : "Float.NEGATIVE_INFINITY";
    return Float.toString(f) + "f";
  }

  private static String doubleLiteral(double d) {
    if (Double.isNaN(d)) return "Double.NaN";
    if (Double.isInfinite(d)) return d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
    return Double.toString(d);
  }

  private static String expression(Equation e, Map<Var, String> names) {
    DType out = e.outputs().get(0).aval().dtype();
    List<Atom> in = e.inputs();
    if (e.primitive() instanceof UnaryPrimitive u) {
      DType d = in.get(0).aval().dtype();
      if (d == DType.BOOL) return "!" + atom(in.get(0), names);
      // Long.signum is already an int: casting it again would be a redundant cast.
      if (u == UnaryPrimitive.SIGN && d == DType.I32) return u.javaExpression(d, atom(in.get(0), names));
      return round(out, u.javaExpression(d, atom(in.get(0), names)));
    }
    if (e.primitive() instanceof BinaryPrimitive b) {
      DType d = in.get(0).aval().dtype();
      String expr = b.javaExpression(d, atom(in.get(0), names), atom(in.get(1), names));
      return b.kind() == BinaryPrimitive.Kind.COMPARISON || d == DType.BOOL ? expr : round(out, expr);
    }
    if (e.primitive() instanceof SelectN) {
      return atom(in.get(0), names) + " ? " + atom(in.get(2), names) + " : " + atom(in.get(1), names);
    }
    if (e.primitive() instanceof ConvertElementType) return convert(in.get(0).aval().dtype(), out, atom(in.get(0), names));
    int y = e.params().integer("y");
    return integerPow(out, atom(in.get(0), names), y);
  }

  /** {@code convert_element_type} with {@code Storage.convert}'s semantics (Java casts). */
  private static String convert(DType from, DType to, String v) {
    if (from == to) return v;
    if (from == DType.BOOL) {
      String one = to.isFloating() ? "1.0" : "1L";
      String zero = to.isFloating() ? "0.0" : "0L";
      return "(" + v + " ? " + one + " : " + zero + ")";
    }
    if (to == DType.BOOL) return "(" + v + " != 0)";
    // Floats are held in double locals and integers in long locals: only real conversions get a cast.
    return switch (to) {
      case F32 -> "(float) " + v;
      case F64 -> from.isFloating() ? v : "(double) " + v;
      case I32 -> "(int) " + v;
      default -> from.isFloating() ? "(long) " + v : v;
    };
  }

  /** {@code integer_pow}'s own scalar definition, widened back to the double or long local. */
  private static String integerPow(DType d, String x, int y) {
    return IntegerPow.javaExpression(d, x, y);
  }
}
