package dev.olympus.kernel;

import dev.olympus.Array;
import dev.olympus.ir.ClosedIr;
import dev.olympus.ir.Literal;
import dev.olympus.lowering.Lowering;
import dev.olympus.primitive.CompiledSubIrs;
import java.util.IdentityHashMap;
import java.util.function.Function;
import dev.olympus.jit.Executable;
import dev.olympus.jit.KernelSource;
import dev.olympus.lowering.JavaKernelRenderer;
import dev.olympus.lowering.KernelPlan;
import dev.olympus.lowering.Step;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link KernelPlan} made runnable without generating classes: fused loops run as chains of tile
 * operations (vectorized when the Vector API is present), other steps through their primitives. Building one
 * takes well under a millisecond, so a jit cache miss costs little more than tracing. Holds no per-call state
 * except per-thread scratch tiles, so one instance serves all threads.
 */
public final class PlanExecutable implements Executable, KernelSource {
  private final KernelPlan plan;
  private final String name;
  private final Object[] runners;
  private final Storage[] literalStorages;
  private final boolean[] weakOutputs;

  public PlanExecutable(KernelPlan plan, String name, boolean vector) {
    this(plan, name, vector, false);
  }

  /**
   * {@code tier2}: also compile each large fusion region to a class of its own in the background
   * ({@link LoopCompiler}), which replaces its tile loop once loaded.
   */
  public PlanExecutable(KernelPlan plan, String name, boolean vector, boolean tier2) {
    this.plan = plan;
    this.name = name;
    List<Object> rs = new ArrayList<>();
    for (Step s : plan.steps()) {
      if (s instanceof Step.Elementwise e) {
        ElementwiseKernel k = new ElementwiseKernel(e, vector);
        if (tier2) k.compileInBackground(name, vector);
        rs.add(k);
      }
      else if (s instanceof Step.Reduction r) rs.add(new ReductionKernel(r, vector));
      else rs.add(controlFlowOrPrimitive((Step.Primitive) s, name, vector, tier2));
    }
    runners = rs.toArray();
    literalStorages = new Storage[plan.slotCount()];
    for (Map.Entry<Integer, Literal> e : plan.literalSlots().entrySet()) {
      literalStorages[e.getKey()] = e.getValue().value();
    }
    List<AbstractValue> outs = plan.source().outAvals();
    weakOutputs = new boolean[outs.size()];
    for (int i = 0; i < weakOutputs.length; i++) weakOutputs[i] = outs.get(i).weak();
  }

  /** With the Vector API when the JVM has it. */
  public static PlanExecutable of(KernelPlan plan, String name) {
    return new PlanExecutable(plan, name, VectorSupport.AVAILABLE, LoopCompiler.AVAILABLE);
  }

  /** Compiles every fusion region's second tier now; for tests and benchmarks. Returns how many. */
  public int compileAllNow(boolean vector) {
    int n = 0;
    for (Object r : runners) {
      if (r instanceof ElementwiseKernel k) {
        k.compileNow(name, vector);
        n++;
      }
    }
    return n;
  }

  /** Whether every fusion region runs its second-tier class. */
  public boolean fullyCompiled() {
    for (Object r : runners) if (r instanceof ElementwiseKernel k && !k.isCompiled()) return false;
    return true;
  }

  @Override
  public Array[] run(Array[] args) {
    Storage[] slots = literalStorages.clone();
    List<Array> consts = plan.source().consts();
    for (int i = 0; i < plan.constCount(); i++) slots[i] = consts.get(i).storage();
    for (int i = 0; i < plan.inputCount(); i++) slots[plan.constCount() + i] = args[i].storage();
    for (Object r : runners) {
      if (r instanceof ElementwiseKernel k) k.run(slots);
      else if (r instanceof ReductionKernel k) k.run(slots);
      else if (r instanceof DotKernel k) k.run(slots);
      else if (r instanceof ControlFlowStep c) CompiledSubIrs.with(c.compiled(), () -> {
        runPrimitive(c.step(), slots);
        return null;
      });
      else runPrimitive((Step.Primitive) r, slots);
    }
    int[] outSlots = plan.outputSlots();
    Array[] outs = new Array[outSlots.length];
    for (int i = 0; i < outs.length; i++) outs[i] = Array.fromStorage(slots[outSlots[i]], weakOutputs[i]);
    return outs;
  }

  /** A control-flow step with its sub-IRs compiled (recursively), so its loops run compiled bodies. */
  private record ControlFlowStep(Step.Primitive step, Map<ClosedIr, Function<List<Array>, List<Array>>> compiled) {}

  private static Object controlFlowOrPrimitive(Step.Primitive step, String name, boolean vector, boolean tier2) {
    DotKernel dot = vector ? DotKernel.of(step) : null;
    if (dot != null) return dot;
    List<ClosedIr> subs = CompiledSubIrs.of(step.equation().params());
    if (subs.isEmpty()) return step;
    Map<ClosedIr, Function<List<Array>, List<Array>>> compiled = new IdentityHashMap<>();
    for (ClosedIr sub : subs) {
      PlanExecutable exe = new PlanExecutable(Lowering.lower(sub), name, vector, tier2);
      compiled.put(sub, args -> List.of(exe.run(args.toArray(new Array[0]))));
    }
    return new ControlFlowStep(step, compiled);
  }

  private static void runPrimitive(Step.Primitive step, Storage[] slots) {
    int[] in = step.inSlots();
    List<Storage> inputs = new ArrayList<>(in.length);
    for (int s : in) inputs.add(slots[s]);
    List<Storage> outs = step.equation().primitive().evaluate(inputs, step.equation().params());
    int[] out = step.outSlots();
    for (int i = 0; i < out.length; i++) slots[out[i]] = outs.get(i);
  }

  @Override
  public String javaSource() { return JavaKernelRenderer.render(plan, name); }

  public KernelPlan plan() { return plan; }
}
