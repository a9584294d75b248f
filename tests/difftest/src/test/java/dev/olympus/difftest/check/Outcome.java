package dev.olympus.difftest.check;

import java.util.ArrayList;
import java.util.List;

/** What a comparison found: problems (empty when it passed), and how many elements were compared or skipped. */
public final class Outcome {
  private final List<String> problems = new ArrayList<>();
  private int compared;
  private int undetermined;

  void problem(String p) { problems.add(p); }

  void compared() { compared++; }

  void undetermined() { undetermined++; }

  public boolean ok() { return problems.isEmpty(); }

  public List<String> problems() { return problems; }

  public int comparedElements() { return compared; }

  /** Elements the reference could not pin down (an undecided comparison upstream, a masked known issue). */
  public int undeterminedElements() { return undetermined; }

  public void addAll(Outcome o) {
    problems.addAll(o.problems);
    compared += o.compared;
    undetermined += o.undetermined;
  }
}
