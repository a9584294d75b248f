package dev.olympus.kernel;

import dev.olympus.execution.ScratchPool;
import dev.olympus.Array;
import dev.olympus.ir.ClosedIr;
import dev.olympus.ir.Literal;
import dev.olympus.execution.BoundNest;
import dev.olympus.fusion.NestLowering;
import dev.olympus.simd.VectorModule;
import dev.olympus.primitive.CompiledSubIrs;
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
 * A {@link KernelPlan} made runnable without generating classes: each loop nest runs through its bound schedule
 * ({@link BoundNest}, strips of compiled SIMD code, scalar twins without the Vector API), a matrix product with
 * the nest after it as its epilogue ({@link DotKernel}), every other step through its primitive. Building one
 * takes well under a millisecond, so a jit cache miss costs little more than tracing. Holds no per-call state
 * except pooled scratch, so one instance serves all threads.
 */
public final class PlanExecutable implements Executable, KernelSource {
  private final KernelPlan plan;
  private final String name;
  private final Object[] runners;
  private final Storage[] literalStorages;
  private final boolean[] weakOutputs;

  /** {@code vector}: whether matrix products use the Vector API micro-kernel (or its scalar twin). */
  public PlanExecutable(KernelPlan plan, String name, boolean vector) {
    this.plan = plan;
    this.name = name;
    this.tables = new ScratchPool<>(() -> new Storage[plan.slotCount()]);
    List<Object> rs = new ArrayList<>();
    List<Step> steps = plan.steps();
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      Step.Nest epilogue = BoundNest.epilogueAt(steps, i);
      if (epilogue != null) {
        rs.add(new DotKernel((Step.Primitive) s, new BoundNest(epilogue, plan.slotAvals()), vector));
        i++;
        continue;
      }
      if (BoundNest.isGemm(s)) {
        rs.add(new DotKernel((Step.Primitive) s, null, vector));
      } else if (s instanceof Step.Nest n) {
        rs.add(new BoundNest(n, plan.slotAvals()));
      } else {
        rs.add(controlFlowOrPrimitive((Step.Primitive) s, name, vector));
      }
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

  /** The lowering the jit uses: loop nests ({@link NestLowering}). */
  public static KernelPlan lower(ClosedIr ir) {
    return NestLowering.lower(ir);
  }

  /** With the Vector API when the JVM has it. */
  public static PlanExecutable of(KernelPlan plan, String name) {
    return new PlanExecutable(plan, name, VectorModule.ENABLED);
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
      if (r instanceof BoundNest n) n.run(slots);
      else if (r instanceof DotKernel k) k.run(slots);
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

  private static Object controlFlowOrPrimitive(Step.Primitive step, String name, boolean vector) {
    List<ClosedIr> subs = CompiledSubIrs.of(step.equation().params());
    if (subs.isEmpty()) return step;
    Map<ClosedIr, Function<List<Array>, List<Array>>> compiled = new IdentityHashMap<>();
    for (ClosedIr sub : subs) {
      PlanExecutable exe = new PlanExecutable(lower(sub), name, vector);
      compiled.put(sub, args -> List.of(exe.run(args.toArray(new Array[0]))));
    }
    return new ControlFlowStep(step, compiled);
  }

  private static void runPrimitive(Step.Primitive step, Storage[] slots) {
    int[] in = step.inSlots();
    List<Storage> inputs = new ArrayList<>(in.length);
    for (int s : in) inputs.add(slots[s]);
    List<Storage> outs = step.equation().primitive().run(inputs, step.equation().params());
    int[] out = step.outSlots();
    for (int i = 0; i < out.length; i++) slots[out[i]] = outs.get(i);
  }

  /**
   * This plan as the Java the annotation processor writes for it: the same nests, in the same order. Written
   * with JavaPoet, a build-time library that is not on users' run-time class path unless they add it.
   */
  @Override
  public String javaSource() {
    try {
      Class.forName("com.palantir.javapoet.JavaFile", false, PlanExecutable.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return "// " + name + ": add com.palantir.javapoet:javapoet to the class path to dump kernels as Java source.\n"
          + "// IR:\n// " + plan.source().toString().replace("\n", "\n// ") + "\n";
    }
    return PlanSource.unit(plan, name);
  }
}
