package dev.olympus.difftest.program;

import java.util.ArrayList;
import java.util.List;

/**
 * A straight-line program: typed inputs, nodes in order (node {@code k} is value {@code inputs.size() + k}, and
 * reads only earlier values), and the values it returns. {@code types} holds every value's type, inputs included.
 */
public record Program(List<Ty> inputs, List<Expr> nodes, List<Ty> types, int[] outputs) {
  public Program {
    inputs = List.copyOf(inputs);
    nodes = List.copyOf(nodes);
    types = List.copyOf(types);
    outputs = outputs.clone();
    if (types.size() != inputs.size() + nodes.size()) throw new IllegalArgumentException("one type per value");
  }

  @Override
  public int[] outputs() { return outputs.clone(); }

  public int valueCount() { return types.size(); }

  public Ty type(int value) { return types.get(value); }

  public List<Ty> outputTypes() {
    List<Ty> out = new ArrayList<>();
    for (int o : outputs) out.add(types.get(o));
    return out;
  }

  /** The same program returning {@code value} only, with the nodes after it dropped: for locating a failure. */
  public Program truncatedAt(int value) {
    int keep = Math.max(0, value - inputs.size() + 1);
    return new Program(inputs, nodes.subList(0, keep), types.subList(0, inputs.size() + keep), new int[] {value});
  }

  /** Nesting depth of control-flow bodies. */
  public int depth() {
    int d = 0;
    for (Expr e : nodes) for (Expr.Body b : Expr.bodies(e)) d = Math.max(d, 1 + b.program().depth());
    return d;
  }

  /** Whether {@code test} holds for any node, bodies included. */
  public boolean anyNode(java.util.function.Predicate<Expr> test) {
    for (Expr e : nodes) {
      if (test.test(e)) return true;
      for (Expr.Body b : Expr.bodies(e)) if (b.program().anyNode(test)) return true;
    }
    return false;
  }

  @Override
  public String toString() { return ProgramPrinter.print(this); }
}
