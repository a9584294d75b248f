package dev.olympus.jit;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.Fn4;
import dev.olympus.JitOptions;
import dev.olympus.trace.TraceStack;
import dev.olympus.transform.FunctionInfo;
import dev.olympus.transform.WrappedFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * The function {@code Olympus.jit} returns. It implements every arity's function type so one dispatcher
 * serves them all; the static type the user sees is the one they passed in.
 *
 * <p>A call first checks the entry that served the previous call (a monomorphic inline cache, allocation
 * free); otherwise it flattens the arguments into a {@link CacheKey} and asks the shared {@link CompileCache},
 * which traces and compiles on a miss. Called while another trace is active (inside {@code grad}, {@code
 * vmap}, or another {@code jit}), it traces through {@code f} so the outer transformation sees its primitives.
 */
public final class JitFunction<A, B, C, D, R> implements Fn1<A, R>, Fn2<A, B, R>, Fn3<A, B, C, R>,
    Fn4<A, B, C, D, R>, WrappedFunction {
  private final transient FunctionInfo info;
  private final boolean[] isStatic;
  private transient volatile Compiled last;

  JitFunction(Object f, JitOptions options) {
    this.info = FunctionInfo.of(f);
    this.isStatic = options.staticMask(info.arity(), info.name());
  }

  public FunctionInfo info() { return info; }

  @Override
  public FunctionInfo wrapped() { return info; }

  @Override
  public String wrapperName() { return "jit"; }

  @Override
  public Object settings() {
    List<Integer> statics = new ArrayList<>();
    for (int i = 0; i < isStatic.length; i++) if (isStatic[i]) statics.add(i);
    return List.copyOf(statics);
  }

  @Override
  @SuppressWarnings("unchecked")
  public R apply(A a) {
    Compiled c = last;
    if (c != null && c.fits1(a) && TraceStack.dynamicTrace() == null) {
      Jit.CACHE.hit(c);
      return (R) c.runOne((Array) a);
    }
    return call(new Object[] {a});
  }

  @Override
  public R apply(A a, B b) { return call(new Object[] {a, b}); }

  @Override
  public R apply(A a, B b, C c) { return call(new Object[] {a, b, c}); }

  @Override
  public R apply(A a, B b, C c, D d) { return call(new Object[] {a, b, c, d}); }

  @SuppressWarnings("unchecked")
  private R call(Object[] args) {
    if (args.length != info.arity()) info.checkArguments(args);
    Compiled c = last;
    if (c != null && c.fits(args, isStatic) && TraceStack.dynamicTrace() == null) {
      Jit.CACHE.hit(c);
      return (R) c.runPlain(args, isStatic);
    }
    if (TraceStack.isTracing() || TraceStack.dynamicTrace() != null) return (R) info.invoke(args);
    CallSignature sig = CallSignature.of(info, args, isStatic);
    for (Array leaf : sig.leaves()) {
      if (leaf.isTracer()) return (R) info.invoke(args);
    }
    c = Jit.lookup(info, args, isStatic, sig.key());
    last = c;
    return (R) c.run(sig.leaves());
  }

  @Override
  public String toString() { return "jit(" + info.name() + ")"; }
}
