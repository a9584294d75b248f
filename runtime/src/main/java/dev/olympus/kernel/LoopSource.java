package dev.olympus.kernel;

import dev.olympus.DType;
import dev.olympus.lowering.JavaKernelRenderer;
import dev.olympus.lowering.Node;
import dev.olympus.lowering.Step;
import dev.olympus.primitive.BinaryPrimitive;
import dev.olympus.primitive.ConvertElementType;
import dev.olympus.primitive.SelectN;
import dev.olympus.primitive.UnaryPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Java source of a {@link FusedLoop} for one fusion region: a single loop whose nodes are locals, with a
 * Vector API main loop when every node has a SIMD form (float32 arithmetic, comparisons, selects and the
 * SVML transcendentals) and the scalar body from {@link JavaKernelRenderer#elementBody} for the tail and for
 * regions that do not. This is the loop a person would write by hand; javac and C2 do the rest.
 */
final class LoopSource {
  private LoopSource() {}

  private static final Map<UnaryPrimitive, String> UNARY = Map.of(
      UnaryPrimitive.NEG, "NEG", UnaryPrimitive.ABS, "ABS", UnaryPrimitive.EXP, "EXP", UnaryPrimitive.LOG, "LOG",
      UnaryPrimitive.TANH, "TANH", UnaryPrimitive.SQRT, "SQRT", UnaryPrimitive.SIN, "SIN", UnaryPrimitive.COS, "COS",
      UnaryPrimitive.EXPM1, "EXPM1", UnaryPrimitive.LOG1P, "LOG1P");
  private static final Map<BinaryPrimitive, String> BINARY = Map.of(
      BinaryPrimitive.ADD, "ADD", BinaryPrimitive.SUB, "SUB", BinaryPrimitive.MUL, "MUL", BinaryPrimitive.DIV, "DIV",
      BinaryPrimitive.MAX, "MAX", BinaryPrimitive.MIN, "MIN");
  private static final Map<BinaryPrimitive, String> COMPARE = Map.of(
      BinaryPrimitive.GT, "GT", BinaryPrimitive.LT, "LT", BinaryPrimitive.GE, "GE", BinaryPrimitive.LE, "LE",
      BinaryPrimitive.EQ, "EQ", BinaryPrimitive.NE, "NE");
  private static final Map<String, String> FLIPPED = Map.of("GT", "LT", "LT", "GT", "GE", "LE", "LE", "GE",
      "EQ", "EQ", "NE", "NE");

  /** How a node lives in the SIMD loop. */
  private enum Form { VECTOR, INT_VECTOR, MASK, SCALAR }

  static String render(Step.Elementwise step, String className, String comment, boolean vector) {
    StringBuilder sb = new StringBuilder();
    sb.append("package dev.olympus.kernel;\n\n");
    sb.append("// ").append(comment.replace("\n", "\n// ")).append('\n');
    boolean simd = vector && vectorizable(step);
    if (simd) {
      sb.append("import jdk.incubator.vector.FloatVector;\n");
      sb.append("import jdk.incubator.vector.IntVector;\n");
      sb.append("import jdk.incubator.vector.VectorMask;\n");
      sb.append("import jdk.incubator.vector.VectorOperators;\n");
      sb.append("import jdk.incubator.vector.VectorSpecies;\n\n");
    }
    sb.append("public final class ").append(className).append(" implements FusedLoop {\n");
    if (simd) {
      sb.append("  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;\n");
      // Same bit size as S, so as many int lanes as float lanes: an I2F conversion maps one onto the other.
      sb.append("  private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;\n\n");
    }
    sb.append("  @Override\n  public void run(Object[] data, int from, int to) {\n");
    TreeSet<Integer> slots = new TreeSet<>();
    Map<Integer, DType> slotTypes = new java.util.HashMap<>();
    for (Node n : step.nodes()) {
      if (n instanceof Node.Load l) {
        slots.add(l.slot());
        slotTypes.put(l.slot(), l.aval().dtype());
      } else if (n instanceof Node.BroadcastLoad b) {
        slots.add(b.slot());
        slotTypes.put(b.slot(), b.aval().dtype());
      }
    }
    for (int r = 0; r < step.roots().length; r++) {
      slots.add(step.rootSlots()[r]);
      slotTypes.put(step.rootSlots()[r], step.nodes().get(step.roots()[r]).aval().dtype());
    }
    for (int slot : slots) {
      String t = JavaKernelRenderer.javaTypeOf(slotTypes.get(slot));
      sb.append("    ").append(t).append("[] s").append(slot).append(" = (").append(t).append("[]) data[")
          .append(slot).append("];\n");
    }
    sb.append("    int i = from;\n");
    if (simd) {
      // A repeated row is read a vector at a time, which needs its period to be whole vectors and the first
      // index to start one (the parallel split starts chunks at whole tiles); otherwise the scalar loop runs.
      List<String> guards = new ArrayList<>();
      for (Node n : step.nodes()) {
        if (n instanceof Node.BroadcastLoad b) guards.add(b.period() + " % S.length() == 0");
      }
      if (!guards.isEmpty()) {
        guards.add(0, "from % S.length() == 0");
        sb.append("    if (").append(String.join(" && ", new TreeSet<>(guards))).append(") {\n");
      }
      vectorLoop(sb, step);
      if (!guards.isEmpty()) sb.append("    }\n");
    }
    sb.append("    for (; i < to; i++) {\n");
    for (String line : JavaKernelRenderer.elementBody(step, 0).toString().split("\n")) {
      if (!line.isBlank()) sb.append("      ").append(line).append('\n');
    }
    sb.append("    }\n  }\n}\n");
    return sb.toString();
  }

  static boolean vectorizable(Step.Elementwise step) {
    List<Node> nodes = step.nodes();
    // int32 values may appear where jnp.arange meets float math: loaded as int lanes, compared (the mask cast
    // to float lanes) or converted to float32. Any other int32 arithmetic keeps the scalar loop.
    java.util.Set<Integer> ints = new java.util.HashSet<>();
    for (int k = 0; k < nodes.size(); k++) {
      Node n = nodes.get(k);
      if (n instanceof Node.BroadcastLoad b && (b.period() == 0 || b.aval().dtype() != DType.F32)) return false;
      if (n instanceof Node.Load l && l.aval().dtype() == DType.I32 && l.aval().shape().equals(step.domain())) {
        ints.add(k);
        continue;
      }
      if (n instanceof Node.Constant c && c.aval().dtype() == DType.I32) {
        ints.add(k);
        continue;
      }
      if (n instanceof Node.Load l && l.aval().dtype() != DType.F32) return false;
      if (n instanceof Node.Constant c && c.aval().dtype() != DType.F32) return false;
      if (n instanceof Node.Op op) {
        boolean readsInt = false;
        for (int o : op.operands()) readsInt |= ints.contains(o);
        if (op.primitive() == ConvertElementType.CONVERT_ELEMENT_TYPE) {
          if (op.aval().dtype() != DType.F32) return false;
          if (op.operandDtypes()[0] != DType.F32 && !(op.operandDtypes()[0] == DType.I32 && readsInt)) return false;
          continue;
        }
        if (readsInt) {
          if (!(op.primitive() instanceof BinaryPrimitive b && COMPARE.containsKey(b))) return false;
          for (int o : op.operands()) if (!ints.contains(o)) return false;
          continue;
        }
        if (op.primitive() instanceof UnaryPrimitive u) {
          if (!UNARY.containsKey(u) || op.operandDtypes()[0] != DType.F32) return false;
        } else if (op.primitive() instanceof BinaryPrimitive b) {
          if (!(BINARY.containsKey(b) || COMPARE.containsKey(b)) || op.operandDtypes()[0] != DType.F32) return false;
        } else if (op.primitive() == SelectN.SELECT_N) {
          if (op.operands().length != 3 || op.operandDtypes()[0] != DType.BOOL || op.aval().dtype() != DType.F32) {
            return false;
          }
        } else {
          return false;
        }
      }
    }
    return true;
  }

  private static void vectorLoop(StringBuilder sb, Step.Elementwise step) {
    List<Node> nodes = step.nodes();
    Form[] form = new Form[nodes.size()];
    String[] name = new String[nodes.size()];
    StringBuilder hoisted = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (int k = 0; k < nodes.size(); k++) {
      Node n = nodes.get(k);
      name[k] = "w" + k;
      if (n instanceof Node.Load l && l.aval().dtype() == DType.I32 && l.aval().shape().equals(step.domain())) {
        form[k] = Form.INT_VECTOR;
        line(body, "IntVector " + name[k] + " = IntVector.fromArray(IS, s" + l.slot() + ", i)");
      } else if (n instanceof Node.Load l) {
        if (l.aval().shape().equals(step.domain())) {
          form[k] = Form.VECTOR;
          line(body, "FloatVector " + name[k] + " = FloatVector.fromArray(S, s" + l.slot() + ", i)");
        } else {
          form[k] = Form.SCALAR;
          line(hoisted, "float " + name[k] + " = s" + l.slot() + "[0]");
        }
      } else if (n instanceof Node.BroadcastLoad b) {
        form[k] = Form.VECTOR;
        line(body, "FloatVector " + name[k] + " = FloatVector.fromArray(S, s" + b.slot() + ", i % " + b.period() + ")");
      } else if (n instanceof Node.Constant c) {
        form[k] = Form.SCALAR;
        name[k] = c.aval().dtype() == DType.I32 ? Long.toString(c.literal().longValue())
            : floatLiteral((float) c.literal().doubleValue());
      } else {
        Node.Op op = (Node.Op) n;
        int[] o = op.operands();
        if (op.primitive() == ConvertElementType.CONVERT_ELEMENT_TYPE) {
          form[k] = form[o[0]] == Form.INT_VECTOR ? Form.VECTOR : form[o[0]];
          if (form[o[0]] == Form.INT_VECTOR) {
            line(body, "FloatVector " + name[k] + " = (FloatVector) " + name[o[0]] + ".convert(VectorOperators.I2F, 0)");
          } else if (form[k] == Form.SCALAR) {
            line(hoisted, "float " + name[k] + " = " + name[o[0]]);
          } else {
            line(body, "FloatVector " + name[k] + " = " + name[o[0]]);
          }
          continue;
        }
        if (op.primitive() instanceof UnaryPrimitive u) {
          if (form[o[0]] == Form.SCALAR) {
            form[k] = Form.SCALAR;
            line(hoisted, "float " + name[k] + " = (float) " + u.javaExpression(DType.F32, name[o[0]]));
          } else {
            form[k] = Form.VECTOR;
            line(body, "FloatVector " + name[k] + " = " + name[o[0]] + ".lanewise(VectorOperators." + UNARY.get(u) + ")");
          }
        } else if (op.primitive() instanceof BinaryPrimitive b) {
          boolean compare = COMPARE.containsKey(b);
          String a = name[o[0]], c = name[o[1]];
          Form fa = form[o[0]], fc = form[o[1]];
          if (fa == Form.SCALAR && fc == Form.SCALAR) {
            form[k] = Form.SCALAR;
            line(hoisted, (compare ? "boolean " : "float ") + name[k] + " = " + (compare ? "" : "(float) ")
                + b.javaExpression(DType.F32, a, c));
            continue;
          }
          String opName = compare ? COMPARE.get(b) : BINARY.get(b);
          if (fa == Form.SCALAR) {
            if (compare) {
              opName = FLIPPED.get(opName);
              String t = a;
              a = c;
              c = t;
            } else if (b == BinaryPrimitive.ADD || b == BinaryPrimitive.MUL || b == BinaryPrimitive.MAX
                || b == BinaryPrimitive.MIN) {
              String t = a;
              a = c;
              c = t;
            } else {
              a = "FloatVector.broadcast(S, " + a + ")";
            }
          }
          if (compare) {
            form[k] = Form.MASK;
            // An int32 comparison yields int lanes' mask; cast (same lane count) to select float lanes.
            String cast = op.operandDtypes()[0] == DType.I32 ? ".cast(S)" : "";
            line(body, "VectorMask<Float> " + name[k] + " = " + a + ".compare(VectorOperators." + opName + ", " + c + ")"
                + cast);
          } else {
            form[k] = Form.VECTOR;
            line(body, "FloatVector " + name[k] + " = " + a + ".lanewise(VectorOperators." + opName + ", " + c + ")");
          }
        } else {
          String pred = name[o[0]];
          String onFalse = vectorOf(form[o[1]], name[o[1]]);
          String onTrue = vectorOf(form[o[2]], name[o[2]]);
          form[k] = Form.VECTOR;
          if (form[o[0]] == Form.SCALAR) {
            line(body, "FloatVector " + name[k] + " = " + pred + " ? " + onTrue + " : " + onFalse);
          } else {
            line(body, "FloatVector " + name[k] + " = " + onFalse + ".blend(" + onTrue + ", " + pred + ")");
          }
        }
      }
    }
    List<String> stores = new ArrayList<>();
    for (int r = 0; r < step.roots().length; r++) {
      int k = step.roots()[r];
      String target = "s" + step.rootSlots()[r];
      stores.add(switch (form[k]) {
        case VECTOR, MASK, INT_VECTOR -> name[k] + ".intoArray(" + target + ", i)";
        // A root that is a constant (jnp.full of an int32, say) fills its own array type.
        case SCALAR -> switch (nodes.get(k).aval().dtype()) {
          case BOOL -> "java.util.Arrays.fill(" + target + ", i, i + S.length(), " + name[k] + ")";
          case I32 -> "IntVector.broadcast(IS, " + name[k] + ").intoArray(" + target + ", i)";
          default -> "FloatVector.broadcast(S, " + name[k] + ").intoArray(" + target + ", i)";
        };
      });
    }
    sb.append(hoisted.toString().replace("\n      ", "\n    ").replaceFirst("^      ", "    "));
    sb.append("    for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {\n");
    sb.append(body);
    for (String s : stores) sb.append("      ").append(s).append(";\n");
    sb.append("    }\n");
  }

  private static String vectorOf(Form f, String name) {
    return f == Form.SCALAR ? "FloatVector.broadcast(S, " + name + ")" : name;
  }

  private static void line(StringBuilder sb, String statement) {
    sb.append("      ").append(statement).append(";\n");
  }

  private static String floatLiteral(float f) {
    if (Float.isNaN(f)) return "Float.NaN";
    if (Float.isInfinite(f)) return f > 0 ? "Float.POSITIVE_INFINITY" : "Float.NEGATIVE_INFINITY";
    return String.format(Locale.ROOT, "%sf", Float.toString(f));
  }
}
