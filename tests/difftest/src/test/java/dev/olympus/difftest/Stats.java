package dev.olympus.difftest;

import dev.olympus.difftest.check.Outcome;
import dev.olympus.difftest.reference.Masks;
import java.util.Map;
import java.util.TreeMap;

/** Totals over a run, printed at the end, so a run that checks little (all elements undetermined) is visible. */
public final class Stats {
  private int programs;
  private long compared;
  private long undetermined;
  private final Masks masks = new Masks();
  private final Map<String, Integer> counters = new TreeMap<>();

  public synchronized void program(Outcome o, Masks m) {
    programs++;
    compared += o.comparedElements();
    undetermined += o.undeterminedElements();
    masks.addAll(m);
  }

  public synchronized void count(String what) { counters.merge(what, 1, Integer::sum); }

  public synchronized long compared() { return compared; }

  public synchronized long undetermined() { return undetermined; }

  public synchronized String summary(String test) {
    return String.format("[difftest] %s: %d programs, %d elements compared, %d undetermined by the reference, masked "
        + "known issues %s%s", test, programs, compared, undetermined, masks.counts(), counters.isEmpty() ? "" : ", " + counters);
  }
}
