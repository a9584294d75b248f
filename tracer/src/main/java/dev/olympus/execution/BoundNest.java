package dev.olympus.execution;

import dev.olympus.loopnest.LoopNest;
import dev.olympus.lowering.Step;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import java.util.List;

/**
 * A plan's nest step ready to run on the plan's slot table: reads its input slots' arrays, allocates its
 * outputs with the plan's shapes, runs the kernel and stores the outputs in their slots.
 */
public final class BoundNest {
  private final NestKernel kernel;
  private final int[] slots;
  private final int[] outLocal;
  private final AbstractValue[] outAvals;

  public BoundNest(Step.Nest step, List<AbstractValue> slotAvals) {
    this.kernel = new NestKernel(step.nest());
    this.slots = step.slots().clone();
    List<LoopNest.Output> outs = step.nest().outputs();
    outLocal = new int[outs.size()];
    outAvals = new AbstractValue[outs.size()];
    for (int k = 0; k < outLocal.length; k++) {
      outLocal[k] = outs.get(k).slot();
      outAvals[k] = slotAvals.get(slots[outLocal[k]]);
    }
  }

  public NestKernel kernel() { return kernel; }

  public void run(Storage[] table) {
    Object[] data = new Object[slots.length];
    Storage[] made = new Storage[outLocal.length];
    for (int k = 0; k < outLocal.length; k++) {
      made[k] = Storage.allocate(outAvals[k].dtype(), outAvals[k].shape());
      data[outLocal[k]] = made[k].data();
    }
    for (int i = 0; i < slots.length; i++) if (data[i] == null) data[i] = table[slots[i]].data();
    kernel.run(data);
    for (int k = 0; k < outLocal.length; k++) table[slots[outLocal[k]]] = made[k];
  }
}
