package dev.olympus.jit;

import dev.olympus.ir.ClosedIr;

/** Turns a traced IR into an {@link Executable}. */
public interface Backend {
  Executable compile(ClosedIr ir, String name);

  /** A short name for logs, e.g. {@code "fused"}. */
  String name();
}
