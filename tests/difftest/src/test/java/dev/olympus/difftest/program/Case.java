package dev.olympus.difftest.program;

import java.util.ArrayList;
import java.util.List;

/** A generated test case: the seed that reproduces it, the program, and its inputs. */
public record Case(long seed, Program program, List<Input> inputs) {
  public Case {
    inputs = List.copyOf(inputs);
  }

  public List<dev.olympus.Array> arrays() {
    List<dev.olympus.Array> a = new ArrayList<>();
    for (Input i : inputs) a.add(i.toArray());
    return a;
  }

  public List<dev.olympus.difftest.reference.RefArray> refs() {
    List<dev.olympus.difftest.reference.RefArray> a = new ArrayList<>();
    for (Input i : inputs) a.add(i.toRef());
    return a;
  }

  /** The program and its inputs as Java source. */
  public String describe() {
    StringBuilder sb = new StringBuilder(program.toString()).append("\ninputs:");
    for (int i = 0; i < inputs.size(); i++) sb.append("\n  v").append(i).append(" = ").append(inputs.get(i).toJava()).append(';');
    return sb.toString();
  }
}
