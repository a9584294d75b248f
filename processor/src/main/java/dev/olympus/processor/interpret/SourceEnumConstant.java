package dev.olympus.processor.interpret;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A constant of an enum declared in this compilation, whose class javac has not built yet: one canonical
 * object per constant, so {@code ==} and {@code switch} compare as Java does; {@code name()}, {@code ordinal()}
 * and {@code toString()} answer as the enum's would.
 */
public final class SourceEnumConstant {
  private static final Map<String, SourceEnumConstant> ALL = new ConcurrentHashMap<>();

  private final String type;
  private final String name;
  private final int ordinal;

  private SourceEnumConstant(String type, String name, int ordinal) {
    this.type = type;
    this.name = name;
    this.ordinal = ordinal;
  }

  /** The constant {@code name} (the {@code ordinal}-th) of the enum {@code type} (its binary name). */
  public static SourceEnumConstant of(String type, String name, int ordinal) {
    return ALL.computeIfAbsent(type + "#" + name, k -> new SourceEnumConstant(type, name, ordinal));
  }

  public String type() { return type; }

  public String name() { return name; }

  public int ordinal() { return ordinal; }

  @Override
  public String toString() { return name; }
}
