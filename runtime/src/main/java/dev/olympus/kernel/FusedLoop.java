package dev.olympus.kernel;

/**
 * A fusion region compiled to a class of its own (the second tier): elements {@code [from, to)} of the
 * region, reading and writing the primitive arrays of the plan's slots ({@code data[slot]}).
 */
public interface FusedLoop {
  void run(Object[] data, int from, int to);
}
