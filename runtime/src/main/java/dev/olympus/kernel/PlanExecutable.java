package dev.olympus.kernel;

import dev.olympus.execution.ScratchPool;
import dev.olympus.Array;
import dev.olympus.ir.ClosedIr;
import dev.olympus.ir.Literal;
import dev.olympus.lowering.Lowering;
import dev.olympus.primitive.CompiledSubIrs;
import dev.olympus.primitive.DotGeneral;
import java.util.IdentityHashMap;
import java.util.function.Function;
import dev.olympus.jit.Executable;
import dev.olympus.jit.KernelSource;
import dev.olympus.codegen.PlanSource;
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
 * except pooled scratch, so one instance serves all threads.
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
    this.tables = new ScratchPool<>(() -> new Storage[plan.slotCount()]);
    List<Object> rs = new ArrayList<>();
    List<Step> steps = plan.steps();
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      if (s instanceof Step.Primitive p && p.equation().primitive() == DotGeneral.DOT_GENERAL
          && i + 1 < steps.size() && steps.get(i + 1) instanceof Step.Nest next) {
        Step.Nest epilogue = DotKernel.nestEpilogue(p, next);
        if (epilogue != null) {
          rs.add(new DotKernel(p, new dev.olympus.execution.BoundNest(epilogue, plan.slotAvals()), vector));
          i++;
          continue;
        }
      }
      if (s instanceof Step.Primitive p && p.equation().primitive() == DotGeneral.DOT_GENERAL) {
        ElementwiseKernel epilogue = null;
        if (i + 1 < steps.size() && steps.get(i + 1) instanceof Step.Elementwise e && DotKernel.isEpilogue(p, e)) {
          epilogue = new ElementwiseKernel(e, vector);
          if (tier2) epilogue.compileWhenHot(name, vector);
          i++;
        }
        rs.add(new DotKernel(p, epilogue, vector));
        continue;
      }
      if (s instanceof Step.Nest n) {
        rs.add(new dev.olympus.execution.BoundNest(n, plan.slotAvals()));
        continue;
      }
      if (s instanceof Step.Elementwise e) {
        ElementwiseKernel k = new ElementwiseKernel(e, vector);
        if (tier2) k.compileWhenHot(name, vector);
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

  /**
   * The lowering the jit uses: loop nests ({@link dev.olympus.fusion.NestLowering}), or with {@code -Dolympus.kernels=tiles} the
   * earlier tile loops.
   */
  public static KernelPlan lower(ClosedIr ir) {
    return TILES ? Lowering.lower(ir) : dev.olympus.fusion.NestLowering.lower(ir);
  }

  private static final boolean TILES = "tiles".equals(System.getProperty("olympus.kernels"));

  /** With the Vector API when the JVM has it. */
  public static PlanExecutable of(KernelPlan plan, String name) {
    return new PlanExecutable(plan, name, VectorSupport.AVAILABLE, LoopCompiler.AVAILABLE);
  }

  /** Compiles every fusion region's second tier now; for tests and benchmarks. Returns how many. */
  public int compileAllNow(boolean vector) {
    int n = 0;
    for (Object r : runners) {
      ElementwiseKernel k = r instanceof ElementwiseKernel e ? e : r instanceof DotKernel d ? d.epilogue() : null;
      if (k != null) {
        k.compileNow(name, vector);
        n++;
      }
    }
    return n;
  }

  /** Slot tables for calls in flight, reused by later calls (a reentrant callback simply takes another). */
  private final ScratchPool<Storage[]> tables;

  @Override
  public Array[] run(Array[] args) {
    Storage[] t = tables.take();
    try {
      Storage[] slots = execute(t, args);
      int[] outSlots = plan.outputSlots();
      Array[] outs = new Array[outSlots.length];
      for (int i = 0; i < outs.length; i++) outs[i] = Array.fromStorage(slots[outSlots[i]], weakOutputs[i]);
      return outs;
    } finally {
      release(t);
    }
  }

  @Override
  public Array runOne(Array[] args) {
    Storage[] t = tables.take();
    try {
      return Array.fromStorage(execute(t, args)[plan.outputSlots()[0]], weakOutputs[0]);
    } finally {
      release(t);
    }
  }

  /** Drops the references, so a finished call keeps no arrays alive. */
  private void release(Storage[] t) {
    java.util.Arrays.fill(t, null);
    tables.give(t);
  }

  private Storage[] execute(Storage[] slots, Array[] args) {
    System.arraycopy(literalStorages, 0, slots, 0, slots.length);
    List<Array> consts = plan.source().consts();
    for (int i = 0; i < plan.constCount(); i++) slots[i] = consts.get(i).storage();
    for (int i = 0; i < plan.inputCount(); i++) slots[plan.constCount() + i] = args[i].storage();
    for (Object r : runners) {
      if (r instanceof dev.olympus.execution.BoundNest n) n.run(slots);
      else if (r instanceof ElementwiseKernel k) k.run(slots);
      else if (r instanceof DotKernel k) k.run(slots);
      else if (r instanceof ReductionKernel k) k.run(slots);
      else if (r instanceof ControlFlowStep c) CompiledSubIrs.with(c.compiled(), () -> {
        runPrimitive(c.step(), slots);
        return null;
      });
      else runPrimitive((Step.Primitive) r, slots);
    }
    return slots;
  }

  /** A control-flow step with its sub-IRs compiled (recursively), so its loops run compiled bodies. */
  private record ControlFlowStep(Step.Primitive step, Map<ClosedIr, Function<List<Array>, List<Array>>> compiled) {}

  private static Object controlFlowOrPrimitive(Step.Primitive step, String name, boolean vector, boolean tier2) {
    List<ClosedIr> subs = CompiledSubIrs.of(step.equation().params());
    if (subs.isEmpty()) return step;
    Map<ClosedIr, Function<List<Array>, List<Array>>> compiled = new IdentityHashMap<>();
    for (ClosedIr sub : subs) {
      PlanExecutable exe = new PlanExecutable(lower(sub), name, vector, tier2);
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

  /** This plan as the Java the annotation processor writes for it: the same nests, in the same order. */
  @Override
  public String javaSource() {
    return PlanSource.unit(plan, name);
  }
}
