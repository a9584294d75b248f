package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.errors.OlympusException;
import dev.olympus.errors.SourceLocation;
import dev.olympus.storage.ArrayFormat;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code debug_print[fmt] args...}: prints {@code fmt} with its fields replaced by the operands' values, as
 * NumPy's {@code str} shows them, and has no results (JAX's {@code debug_print} primitive behind
 * {@code jax.debug.print}). The format is a plain string parameter, so a kernel generated at javac time can
 * print too. Outside a trace it prints at once; inside one it stays in the IR although nothing reads it.
 *
 * <p>Fields: {@code {}} takes the next operand, {@code {0}}, {@code {1}} pick one by position, and
 * {@code {{}/{@code }}} print a brace, as in Python's {@code str.format}.
 */
public final class DebugPrint extends Primitive {
  public static final DebugPrint DEBUG_PRINT = new DebugPrint();

  private DebugPrint() {
    super("debug_print");
  }

  public static Params params(String fmt) { return Params.of("fmt", fmt); }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    parse(params.as("fmt"), in.size());
    return List.of();
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    System.out.println(render(params.as("fmt"), in));
    return List.of();
  }

  @Override
  public boolean hasEffects(Params params) { return true; }

  /** The text {@code debug_print[fmt]} prints for {@code values}; compiled code calls this too. */
  public static String render(String fmt, List<Storage> values) {
    StringBuilder sb = new StringBuilder();
    for (Object piece : parse(fmt, values.size())) {
      if (piece instanceof Integer i) sb.append(ArrayFormat.str(values.get(i)));
      else sb.append(piece);
    }
    return sb.toString();
  }

  /**
   * The format's pieces: literal strings and operand positions; a {@link OlympusException} naming the problem
   * if the format is malformed or refers to an operand that is not there.
   */
  public static List<Object> parse(String fmt, int operands) {
    List<Object> pieces = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int next = 0;
    boolean manual = false, automatic = false;
    for (int i = 0; i < fmt.length(); i++) {
      char ch = fmt.charAt(i);
      boolean doubled = i + 1 < fmt.length() && fmt.charAt(i + 1) == ch;
      if ((ch == '{' || ch == '}') && doubled) {
        literal.append(ch);
        i++;
      } else if (ch == '{') {
        int close = fmt.indexOf('}', i);
        if (close < 0) throw error(fmt, "a '{' is not closed; write '{{' for a literal brace");
        String field = fmt.substring(i + 1, close);
        int index;
        if (field.isEmpty()) {
          automatic = true;
          index = next++;
        } else if (field.chars().allMatch(Character::isDigit)) {
          manual = true;
          // Past nine digits it cannot be an int, and no call has that many arguments.
          index = field.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(field);
        } else {
          throw error(fmt, "the field {" + field + "} is not supported; use {} or {0}, {1}, ... (values print as "
              + "NumPy prints them)");
        }
        if (manual && automatic) {
          throw error(fmt, "it mixes automatic fields {} with numbered ones {0}; use one kind");
        }
        if (index >= operands) {
          throw error(fmt, "it refers to argument " + index + " but " + operands + " array"
              + (operands == 1 ? " was" : "s were") + " given");
        }
        if (literal.length() > 0) pieces.add(literal.toString());
        literal.setLength(0);
        pieces.add(index);
        i = close;
      } else if (ch == '}') {
        throw error(fmt, "a single '}' is not allowed; write '}}' for a literal brace");
      } else {
        literal.append(ch);
      }
    }
    if (literal.length() > 0) pieces.add(literal.toString());
    return pieces;
  }

  private static OlympusException error(String fmt, String what) {
    return new OlympusException("debugPrint: bad format \"" + fmt + "\": " + what + SourceLocation.suffix());
  }

  /** The callback sees the primal values and has no results to differentiate (JAX's debug_callback_jvp_rule). */
  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    bind(params, primals);
    return new JvpResult(List.of(), List.of());
  }

  /** One call per example, in order, as JAX unrolls a debug callback over the batch. */
  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    int size = BatchAxis.size(args, dims);
    for (int e = 0; e < size; e++) {
      List<Array> example = new ArrayList<>(args.size());
      for (int i = 0; i < args.size(); i++) example.add(BatchAxis.example(args.get(i), dims[i], e));
      bind(params, example);
    }
    return new Batched(List.of(), new int[0]);
  }
}
