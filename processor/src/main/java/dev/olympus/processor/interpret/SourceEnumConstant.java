package dev.olympus.processor.interpret;

/**
 * A constant of an enum declared in this compilation, whose class javac has not built yet: equal to itself
 * only (the interpreter compares these by {@code equals} where Java compares enum constants by {@code ==});
 * {@code name()}, {@code ordinal()} and {@code toString()} answer as the enum's would.
 *
 * @param type the enum's canonical name
 */
public record SourceEnumConstant(String type, String name, int ordinal) {
  @Override
  public String toString() { return name; }
}
