package dev.olympus.gemm;

/**
 * Called by {@link Gemm} once output rows {@code [rowFrom, rowTo)} of the flattened {@code batch * m} rows
 * hold their final values, on the thread that finished them and while they are still in its cache, so an
 * elementwise epilogue (bias, activation) costs no second pass over memory. Ranges of one call never overlap
 * and together cover every row; calls may come from several threads at once.
 */
@FunctionalInterface
public interface Epilogue {
  Epilogue NONE = (rowFrom, rowTo) -> {};

  void rowsDone(int rowFrom, int rowTo);
}
