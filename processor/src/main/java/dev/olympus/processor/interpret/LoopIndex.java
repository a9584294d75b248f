package dev.olympus.processor.interpret;

/**
 * The index of a counted loop staged as {@code Lax.foriLoop} ({@link CountedLoop}): {@code array} is the loop
 * primitive's traced i32 counter, a value known only when the kernel runs. Passed into Olympus where an int is
 * expected ({@code x.add(j)}) it goes to the overload that takes an {@code Array} there, as JAX's {@code
 * fori_loop} hands its body a traced index. Java int {@code +}, {@code -} and {@code *} on it are staged on the
 * counter too ({@code q * q} is a loop index); any other use in Java (division, a comparison, a cast, an array
 * index) stops the staging, and the loop runs in Java instead.
 */
record LoopIndex(Object array) {
  @Override
  public String toString() { return "<loop index>"; }
}
