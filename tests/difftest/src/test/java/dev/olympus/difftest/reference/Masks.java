package dev.olympus.difftest.reference;

import dev.olympus.difftest.KnownIssues;
import java.util.EnumMap;
import java.util.Map;

/** Counts the reference elements left uncompared because of a {@link KnownIssues} entry. */
public final class Masks {
  private final EnumMap<KnownIssues, Integer> counts = new EnumMap<>(KnownIssues.class);

  /** Whether an element hit by {@code issue} is to be masked (and counts it if so). */
  public boolean mask(KnownIssues issue) {
    if (!issue.avoided()) return false;
    counts.merge(issue, 1, Integer::sum);
    return true;
  }

  public Map<KnownIssues, Integer> counts() { return counts; }

  public void addAll(Masks other) { other.counts.forEach((k, v) -> counts.merge(k, v, Integer::sum)); }
}
