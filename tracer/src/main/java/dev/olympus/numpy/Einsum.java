package dev.olympus.numpy;

import dev.olympus.Array;
import dev.olympus.errors.ArgumentCheck;
import dev.olympus.errors.ShapeException;
import dev.olympus.errors.SourceLocation;
import dev.olympus.lax.Lax;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jnp.einsum}: a subscript string lowered, as jnp lowers it, to {@code dot_general}s, sums and transposes.
 * Each operand first sums out the letters that appear nowhere else; then operands are contracted left to right,
 * a letter shared by both sides being a batch dimension when the result (or a later operand) still needs it and
 * a contracting one otherwise; a last transpose puts the result's letters in the requested order. {@code ...}
 * stands for the same leading axes in every operand.
 */
final class Einsum {
  private Einsum() {}

  /** An operand with one letter per axis. */
  private record Term(Array value, String letters) {}

  static Array einsum(String subscripts, Array... operands) {
    String op = "Jnp.einsum";
    ArgumentCheck.nonNull(op, "subscripts", subscripts, "pass a subscript string such as \"ij,jk->ik\"");
    ArgumentCheck.arrays(op, "operands", operands);
    String spec = subscripts.replace(" ", "");
    String[] sides = spec.split("->", -1);
    if (sides.length > 2) throw error(subscripts, "has more than one \"->\"");
    String[] inputs = sides[0].split(",", -1);
    if (inputs.length != operands.length) {
      throw error(subscripts, "names " + inputs.length + " operand" + (inputs.length == 1 ? "" : "s") + " but "
          + operands.length + (operands.length == 1 ? " was" : " were") + " passed");
    }
    // "..." becomes the same run of upper-case letters in every operand: as many as the widest operand needs.
    int ellipsis = 0;
    for (int k = 0; k < inputs.length; k++) {
      if (inputs[k].contains("...")) ellipsis = Math.max(ellipsis, operands[k].ndim() - (inputs[k].length() - 3));
    }
    List<Term> terms = new ArrayList<>();
    StringBuilder written = new StringBuilder();
    Map<Character, Integer> sizes = new LinkedHashMap<>();
    for (int k = 0; k < inputs.length; k++) {
      String letters = inputs[k];
      if (letters.contains("...")) {
        int own = operands[k].ndim() - (letters.length() - 3);
        letters = letters.replace("...", broadcastLetters(ellipsis).substring(ellipsis - own));
      }
      checkLetters(subscripts, letters);
      if (letters.length() != operands[k].ndim()) {
        throw error(subscripts, "gives operand " + k + " " + letters.length() + " axes, but it is " + operands[k].aval());
      }
      for (int d = 0; d < letters.length(); d++) {
        char c = letters.charAt(d);
        int size = operands[k].shape()[d];
        Integer seen = sizes.putIfAbsent(c, size);
        if (seen != null && seen != size) {
          throw error(subscripts, "gives '" + c + "' size " + seen + " and size " + size + " (operand " + k + ")");
        }
      }
      written.append(letters);
      terms.add(diagonals(new Term(operands[k], letters)));
    }
    String output;
    if (sides.length == 2) {
      output = sides[1].replace("...", broadcastLetters(ellipsis));
      checkLetters(subscripts, output);
      for (char c : output.toCharArray()) {
        if (!sizes.containsKey(c)) throw error(subscripts, "has '" + c + "' in the result but in no operand");
        if (output.indexOf(c) != output.lastIndexOf(c)) throw error(subscripts, "repeats '" + c + "' in the result");
      }
    } else {
      // NumPy's implicit form: the broadcast axes, then the letters that appear once, in alphabetical order.
      StringBuilder implicit = new StringBuilder(broadcastLetters(ellipsis));
      sizes.keySet().stream().filter(Character::isLowerCase).sorted().forEach(c -> {
        // Counted as written: "ii" (a trace) names i twice, so the result has no axis for it.
        if (written.indexOf(String.valueOf(c)) == written.lastIndexOf(String.valueOf(c))) implicit.append(c);
      });
      output = implicit.toString();
    }

    Term acc = sumUnique(terms.get(0), needed(terms, 0, output));
    for (int k = 1; k < terms.size(); k++) {
      Term next = sumUnique(terms.get(k), needed(terms, k, output) + acc.letters);
      acc = contract(acc, next, needed(terms, k, output));
    }
    acc = sumUnique(acc, output);
    int[] perm = new int[output.length()];
    for (int d = 0; d < perm.length; d++) perm[d] = acc.letters.indexOf(output.charAt(d));
    boolean identity = true;
    for (int d = 0; d < perm.length; d++) identity &= perm[d] == d;
    return identity ? acc.value : Lax.transpose(acc.value, perm);
  }

  /**
   * A letter repeated within one operand ({@code "ii->i"}, {@code "iij"}) takes the diagonal, as jnp does: the
   * elements off it are masked to zero and the repeats summed into the letter's last axis.
   */
  private static Term diagonals(Term t) {
    Array value = t.value;
    String letters = t.letters;
    for (int d = 0; d < letters.length(); d++) {
      char c = letters.charAt(d);
      if (letters.indexOf(c) != d || letters.lastIndexOf(c) == d) continue;
      List<Integer> axes = new ArrayList<>();
      for (int e = 0; e < letters.length(); e++) if (letters.charAt(e) == c) axes.add(e);
      int[] shape = value.shape();
      Array first = Lax.iota(dev.olympus.DType.I32, shape, axes.get(0));
      Array onDiagonal = null;
      for (int i = 1; i < axes.size(); i++) {
        Array same = Jnp.equal(first, Lax.iota(dev.olympus.DType.I32, shape, axes.get(i)));
        onDiagonal = onDiagonal == null ? same : Jnp.logicalAnd(onDiagonal, same);
      }
      value = Jnp.where(onDiagonal, value, Jnp.zerosLike(value));
      int[] summed = new int[axes.size() - 1];
      for (int i = 0; i < summed.length; i++) summed[i] = axes.get(i);
      value = Lax.reduceSum(value, summed);
      StringBuilder rest = new StringBuilder();
      for (int e = 0; e < letters.length(); e++) {
        if (letters.charAt(e) != c || e == axes.get(axes.size() - 1)) rest.append(letters.charAt(e));
      }
      letters = rest.toString();
      d = -1;
    }
    return new Term(value, letters);
  }

  /** The letters still needed after operand {@code k}: the result's and those of the later operands. */
  private static String needed(List<Term> terms, int k, String output) {
    StringBuilder sb = new StringBuilder(output);
    for (int j = k + 1; j < terms.size(); j++) sb.append(terms.get(j).letters);
    return sb.toString();
  }

  /** {@code t} with the axes whose letter is not in {@code keep} summed out. */
  private static Term sumUnique(Term t, String keep) {
    List<Integer> axes = new ArrayList<>();
    StringBuilder rest = new StringBuilder();
    for (int d = 0; d < t.letters.length(); d++) {
      if (keep.indexOf(t.letters.charAt(d)) < 0) axes.add(d);
      else rest.append(t.letters.charAt(d));
    }
    if (axes.isEmpty()) return t;
    return new Term(Lax.reduceSum(t.value, axes.stream().mapToInt(Integer::intValue).toArray()), rest.toString());
  }

  /** One dot_general: shared letters are batch axes if {@code later} needs them, else contracted. */
  private static Term contract(Term a, Term b, String later) {
    List<Integer> lc = new ArrayList<>(), rc = new ArrayList<>(), lb = new ArrayList<>(), rb = new ArrayList<>();
    StringBuilder batch = new StringBuilder();
    for (int d = 0; d < a.letters.length(); d++) {
      char c = a.letters.charAt(d);
      int e = b.letters.indexOf(c);
      if (e < 0) continue;
      if (later.indexOf(c) >= 0) {
        lb.add(d);
        rb.add(e);
        batch.append(c);
      } else {
        lc.add(d);
        rc.add(e);
      }
    }
    StringBuilder letters = new StringBuilder(batch);
    for (char c : a.letters.toCharArray()) if (b.letters.indexOf(c) < 0) letters.append(c);
    for (char c : b.letters.toCharArray()) if (a.letters.indexOf(c) < 0) letters.append(c);
    Array[] p = Jnp.promote(a.value, b.value);
    Array out = Lax.dotGeneral(p[0], p[1], ints(lc), ints(rc), ints(lb), ints(rb));
    return new Term(out, letters.toString());
  }

  private static int[] ints(List<Integer> xs) { return xs.stream().mapToInt(Integer::intValue).toArray(); }

  private static String broadcastLetters(int n) {
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ".substring(0, n);
  }

  private static void checkLetters(String subscripts, String letters) {
    for (char c : letters.toCharArray()) {
      if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z')) {
        throw error(subscripts, "has '" + c + "', which is not a letter (or a misplaced \"...\")");
      }
    }
  }

  private static ShapeException error(String subscripts, String problem) {
    return new ShapeException("Jnp.einsum: the subscripts \"" + subscripts + "\" " + problem + "."
        + SourceLocation.suffix());
  }

}
