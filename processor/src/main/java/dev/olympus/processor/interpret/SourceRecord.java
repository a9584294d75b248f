package dev.olympus.processor.interpret;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;

/**
 * An instance of a record declared in the sources being compiled: javac has no class to instantiate yet, so the
 * interpreter holds the type and the component values. As a pytree it flattens like the compiled record will
 * (components in declaration order).
 */
public record SourceRecord(TypeElement type, List<Object> components) {
  public SourceRecord {
    components = java.util.Collections.unmodifiableList(new ArrayList<>(components));
  }

  /** The value of the component named {@code name}, or {@link Frame#UNASSIGNED} when there is none. */
  public Object component(String name) {
    List<? extends RecordComponentElement> rc = type.getRecordComponents();
    for (int i = 0; i < rc.size(); i++) {
      if (rc.get(i).getSimpleName().contentEquals(name)) return components.get(i);
    }
    return Frame.UNASSIGNED;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(type.getSimpleName()).append('[');
    List<? extends RecordComponentElement> rc = type.getRecordComponents();
    for (int i = 0; i < rc.size(); i++) {
      if (i > 0) sb.append(", ");
      sb.append(rc.get(i).getSimpleName()).append('=').append(components.get(i));
    }
    return sb.append(']').toString();
  }
}
