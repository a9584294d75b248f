package dev.olympus.kernel;

import dev.olympus.execution.ScratchPool;
import dev.olympus.DType;
import dev.olympus.lowering.Node;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a fused loop, run one tile at a time: every node's value for the tile is computed into a
 * scratch tile of the running thread (or read in place, for a same-shape buffer), so intermediates live in L1 and never
 * in a full-size array. Shared by elementwise loops and reductions.
 */
final class LoopBody {
  private enum Kind { LOAD, LOAD_SCALAR, BROADCAST, CONSTANT, OP }

  private final Shape domain;
  private final int tileLength;
  private final Node[] nodes;
  private final Kind[] kinds;
  private final TileOp[] ops;
  private final Object[] constantTiles;
  private final int[][] broadcastStrides;
  private final int[] periods;
  private final ScratchPool<Scratch> scratch;

  /** Per-thread tiles plus the operand table of the current tile. */
  final class Scratch {
    final Object[] tiles = new Object[nodes.length];
    final Object[] array = new Object[nodes.length];
    final int[] offset = new int[nodes.length];

    Scratch() {
      for (int k = 0; k < nodes.length; k++) {
        if (kinds[k] == Kind.CONSTANT) tiles[k] = constantTiles[k];
        else if (kinds[k] != Kind.LOAD) tiles[k] = Tiles.allocate(nodes[k].aval().dtype(), tileLength);
      }
    }
  }

  LoopBody(Shape domain, List<Node> nodeList, boolean vector) {
    this.domain = domain;
    // A loop over fewer elements than a tile needs tiles only that long (small loops are common in long programs).
    this.tileLength = (int) Math.max(1, Math.min(Tiles.SIZE, domain.size()));
    this.nodes = nodeList.toArray(new Node[0]);
    int n = nodes.length;
    kinds = new Kind[n];
    ops = new TileOp[n];
    constantTiles = new Object[n];
    broadcastStrides = new int[n][];
    periods = new int[n];
    boolean scalarLoop = domain.rank() == 0;
    for (int k = 0; k < n; k++) {
      Node node = nodes[k];
      if (node instanceof Node.Load load) {
        kinds[k] = load.aval().shape().equals(domain) || scalarLoop ? Kind.LOAD : Kind.LOAD_SCALAR;
      } else if (node instanceof Node.BroadcastLoad b) {
        kinds[k] = Kind.BROADCAST;
        broadcastStrides[k] = broadcastStrides(b);
        periods[k] = b.period();
      } else if (node instanceof Node.Constant c) {
        kinds[k] = Kind.CONSTANT;
        Object tile = Tiles.allocate(c.aval().dtype(), tileLength);
        Tiles.fill(tile, c.literal().value().convert(c.aval().dtype()));
        constantTiles[k] = tile;
      } else {
        Node.Op op = (Node.Op) node;
        kinds[k] = Kind.OP;
        List<AbstractValue> operandAvals = new ArrayList<>();
        for (int o : op.operands()) operandAvals.add(nodes[o].aval());
        DType operandType = op.operandDtypes()[op.operandDtypes().length - 1];
        TileOp t = VectorSupport.select(op, operandType, vector);
        if (t == null) t = new GenericTileOp(op, operandAvals);
        ops[k] = t;
        if (!vector && operandType == DType.F32) VectorSupport.hintOnce();
      }
    }
    scratch = new ScratchPool<>(Scratch::new);
  }

  private int[] broadcastStrides(Node.BroadcastLoad b) {
    int[] strides = new int[domain.rank()];
    int[] operandStrides = b.operandShape().strides();
    int[] dims = b.broadcastDimensions();
    for (int k = 0; k < dims.length; k++) {
      if (b.operandShape().dim(k) != 1) strides[dims[k]] = operandStrides[k];
    }
    return strides;
  }

  Shape domain() { return domain; }

  /** Scratch for one run; hand it back with {@link #release} when the run is over. */
  Scratch scratch() { return scratch.take(); }

  void release(Scratch s) {
    java.util.Arrays.fill(s.array, null);
    scratch.give(s);
  }

  /** Prepares a thread's scratch for a run over {@code slots}: fills tiles of 0-d buffers. */
  void begin(Scratch s, Storage[] slots) {
    for (int k = 0; k < nodes.length; k++) {
      if (kinds[k] == Kind.LOAD_SCALAR) Tiles.fill(s.tiles[k], slots[((Node.Load) nodes[k]).slot()]);
    }
  }

  /** Computes every node for elements {@code [start, start + m)}; results are in {@code s.array/offset}. */
  void tile(Scratch s, Storage[] slots, long start, int m) {
    Object[] arr = s.array;
    int[] off = s.offset;
    int[] dims = null;
    for (int k = 0; k < nodes.length; k++) {
      switch (kinds[k]) {
        case LOAD -> {
          arr[k] = slots[((Node.Load) nodes[k]).slot()].data();
          off[k] = (int) start;
        }
        case BROADCAST -> {
          Node.BroadcastLoad b = (Node.BroadcastLoad) nodes[k];
          if (periods[k] > 0) {
            Tiles.gatherPeriodic(slots[b.slot()].data(), periods[k], start, m, s.tiles[k]);
          } else {
            if (dims == null) dims = domain.dims();
            Tiles.gather(slots[b.slot()].data(), dims, broadcastStrides[k], start, m, s.tiles[k]);
          }
          arr[k] = s.tiles[k];
          off[k] = 0;
        }
        case LOAD_SCALAR, CONSTANT -> {
          arr[k] = s.tiles[k];
          off[k] = 0;
        }
        case OP -> {
          int[] o = ((Node.Op) nodes[k]).operands();
          Object a = arr[o[0]];
          int ao = off[o[0]];
          Object b = o.length > 1 ? arr[o[1]] : null;
          int bo = o.length > 1 ? off[o[1]] : 0;
          Object c = o.length > 2 ? arr[o[2]] : null;
          int co = o.length > 2 ? off[o[2]] : 0;
          ops[k].apply(a, ao, b, bo, c, co, s.tiles[k], m);
          arr[k] = s.tiles[k];
          off[k] = 0;
        }
      }
    }
  }
}
