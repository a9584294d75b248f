package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.gemm.Epilogue;
import dev.olympus.execution.Parallel;
import dev.olympus.gemm.Gemm;
import dev.olympus.gemm.Strides;
import dev.olympus.lax.Lax;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code conv_general_dilated[batch_group_count dimension_numbers feature_group_count lhs_dilation padding
 * rhs_dilation window_strides ...] lhs rhs}: XLA's ConvGeneralDilated (JAX's {@code conv_general_dilated_p}),
 * a cross-correlation of the input {@code lhs} with the kernel {@code rhs} over any number of spatial axes.
 * The input is dilated ({@code lhs_dilation - 1} zeros between elements) and padded, the kernel dilated,
 * and the window moved by {@code window_strides}; {@code feature_group_count} splits the features into groups
 * convolved separately (depthwise convolution), {@code batch_group_count} the batch.
 *
 * <p>Rules, as JAX's {@code convolution.py}: bilinear, so the JVP is the sum of the two one-sided
 * convolutions; each transpose is itself a convolution (of the cotangent with the flipped kernel for the input,
 * of the input with the cotangent for the kernel) with strides and dilations exchanged. Batching folds the
 * batch axis into the batch, feature or output-feature axis, using feature or batch groups when both operands
 * are batched.
 */
public final class ConvGeneralDilated extends Primitive {
  public static final ConvGeneralDilated CONV_GENERAL_DILATED = new ConvGeneralDilated();

  private ConvGeneralDilated() {
    super("conv_general_dilated");
  }

  public static Params params(int[] windowStrides, WindowPadding padding, int[] lhsDilation, int[] rhsDilation,
      ConvDimensionNumbers dn, int featureGroupCount, int batchGroupCount) {
    return Params.of("batch_group_count", batchGroupCount, "dimension_numbers", dn, "feature_group_count",
        featureGroupCount, "lhs_dilation", lhsDilation, "out_sharding", null, "padding", padding, "precision", null,
        "preferred_element_type", null, "rhs_dilation", rhsDilation, "window_strides", windowStrides);
  }

  /** The parameters, read once. */
  private record Geometry(int[] strides, WindowPadding padding, int[] lhsDilation, int[] rhsDilation,
      ConvDimensionNumbers dn, int featureGroups, int batchGroups) {
    static Geometry of(Params p) {
      return new Geometry(p.ints("window_strides"), p.as("padding"), p.ints("lhs_dilation"), p.ints("rhs_dilation"),
          p.as("dimension_numbers"), p.integer("feature_group_count"), p.integer("batch_group_count"));
    }

    Params params() {
      return ConvGeneralDilated.params(strides, padding, lhsDilation, rhsDilation, dn, featureGroups, batchGroups);
    }

    Geometry withGroups(int feature, int batch) {
      return new Geometry(strides, padding, lhsDilation, rhsDilation, dn, feature, batch);
    }
  }

  static int dilate(int size, int dilation) { return size == 0 ? 0 : 1 + dilation * (size - 1); }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 2);
    AbstractValue lhs = in.get(0), rhs = in.get(1);
    ShapeRules.sameDtype(this, in);
    if (lhs.dtype().isBool()) throw ShapeRules.error(name(), "convolves numbers, not bools (" + lhs + ")");
    return List.of(new AbstractValue(lhs.dtype(), outShape(lhs.shape(), rhs.shape(), Geometry.of(params)), false));
  }

  private Shape outShape(Shape lhs, Shape rhs, Geometry g) {
    if (lhs.rank() != rhs.rank() || lhs.rank() < 2) {
      throw ShapeRules.error(name(), "lhs " + lhs.tuple() + " and rhs " + rhs.tuple() + " must have the same rank, "
          + "at least 2 (batch and feature axes)");
    }
    int rank = lhs.rank(), spatial = rank - 2;
    ConvDimensionNumbers dn = g.dn();
    for (int[] spec : new int[][] {dn.lhsSpec(), dn.rhsSpec(), dn.outSpec()}) {
      if (!isPermutation(spec, rank)) {
        throw ShapeRules.error(name(), "dimension numbers " + dn + " must each list the " + rank + " axes once");
      }
    }
    for (int[] a : new int[][] {g.strides(), g.lhsDilation(), g.rhsDilation()}) {
      if (a.length != spatial) {
        throw ShapeRules.error(name(), "window strides and dilations need one entry per spatial axis (" + spatial
            + "), got " + Shape.tuple(a));
      }
      for (int v : a) if (v < 1) throw ShapeRules.error(name(), "strides and dilations must be positive, got " + Shape.tuple(a));
    }
    if (g.padding().rank() != spatial) {
      throw ShapeRules.error(name(), "padding " + g.padding() + " needs a (low, high) pair per spatial axis (" + spatial + ")");
    }
    int fg = g.featureGroups(), bg = g.batchGroups();
    if (fg < 1 || bg < 1) throw ShapeRules.error(name(), "feature and batch group counts must be positive");
    if (fg > 1 && bg > 1) throw ShapeRules.error(name(), "at most one of feature_group_count and batch_group_count may exceed 1");
    int[] ls = dn.lhsSpec(), rs = dn.rhsSpec(), os = dn.outSpec();
    int batch = lhs.dim(ls[0]), features = lhs.dim(ls[1]), outFeatures = rhs.dim(rs[0]);
    if (features % fg != 0 || features / fg != rhs.dim(rs[1])) {
      throw ShapeRules.error(name(), "the input's " + features + " features in " + fg + " group(s) must match the "
          + "kernel's input features " + rhs.dim(rs[1]) + " (lhs " + lhs.tuple() + ", rhs " + rhs.tuple() + ")");
    }
    if (outFeatures % fg != 0 || outFeatures % bg != 0 || batch % bg != 0) {
      throw ShapeRules.error(name(), "the group counts (feature " + fg + ", batch " + bg + ") must divide the kernel's "
          + outFeatures + " output features and the batch " + batch);
    }
    int[] out = new int[rank];
    out[os[0]] = batch / bg;
    out[os[1]] = outFeatures;
    int[] low = g.padding().low(), high = g.padding().high();
    for (int s = 0; s < spatial; s++) {
      int padded = dilate(lhs.dim(ls[2 + s]), g.lhsDilation()[s]) + low[s] + high[s];
      int window = dilate(rhs.dim(rs[2 + s]), g.rhsDilation()[s]);
      if (padded < 0) {
        throw ShapeRules.error(name(), "negative padding " + g.padding() + " removes more than spatial axis " + s
            + " of " + lhs.tuple() + " holds");
      }
      out[os[2 + s]] = padded >= window ? (padded - window) / g.strides()[s] + 1 : 0;
    }
    return Shape.of(out);
  }

  private static boolean isPermutation(int[] spec, int rank) {
    if (spec.length != rank) return false;
    boolean[] seen = new boolean[rank];
    for (int a : spec) {
      if (a < 0 || a >= rank || seen[a]) return false;
      seen[a] = true;
    }
    return true;
  }

  /**
   * Floats run as one matrix product per example and group (im2col): the windows of the input become the
   * columns of a {@code [features * window, positions]} patch matrix, which the kernel's {@code [outputs,
   * features * window]} matrix multiplies through {@link Gemm} (its fixed summation order makes eager, jit and
   * javac-time kernels agree to the bit). Integers take the direct loop.
   */
  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage lhs = in.get(0), rhs = in.get(1);
    Geometry g = Geometry.of(params);
    Shape outShape = outShape(lhs.shape(), rhs.shape(), g);
    Storage out = Storage.allocate(lhs.dtype(), outShape);
    Layout at = new Layout(lhs.shape(), rhs.shape(), outShape, g);
    if (lhs.dtype() == DType.F32 || lhs.dtype() == DType.F64) at.products(lhs, rhs, out);
    else at.direct(lhs, rhs, out);
    return List.of(out);
  }

  /** Offsets of the convolution's elements in the three operands. */
  private static final class Layout {
    final int[] ls, rs, os, lStride, rStride, oStride;
    final int outBatch, outFeatures, inFeatures, groups, perGroup, window, positions;
    final boolean batchGroups;
    /** For each output position and window element, the spatial offset in the input, or -1 (padding, holes). */
    final int[] spatialSource;
    /**
     * For each window element, the runs of output positions that read the input at a constant step, as
     * {@code (first position, first source, length, step)} quadruples: one {@code System.arraycopy} per output
     * row for a stride-1 convolution. Positions outside every run read padding or holes, so stay zero.
     */
    final int[][] sourceRuns;
    /** For each window element, the spatial offset in the kernel. */
    final int[] kernelOffset;
    /** For each output position, the spatial offset in the output. */
    final int[] outOffset;

    Layout(Shape lhs, Shape rhs, Shape out, Geometry g) {
      ls = g.dn().lhsSpec();
      rs = g.dn().rhsSpec();
      os = g.dn().outSpec();
      lStride = lhs.strides();
      rStride = rhs.strides();
      oStride = out.strides();
      int spatial = ls.length - 2;
      outBatch = out.dim(os[0]);
      outFeatures = out.dim(os[1]);
      inFeatures = rhs.dim(rs[1]);
      batchGroups = g.batchGroups() > 1;
      groups = Math.max(g.featureGroups(), g.batchGroups());
      perGroup = outFeatures / groups;
      int[] inSize = new int[spatial], win = new int[spatial], outSize = new int[spatial];
      for (int s = 0; s < spatial; s++) {
        inSize[s] = lhs.dim(ls[2 + s]);
        win[s] = rhs.dim(rs[2 + s]);
        outSize[s] = out.dim(os[2 + s]);
      }
      int[][] windowIndex = multiIndices(win), outIndex = multiIndices(outSize);
      window = windowIndex.length;
      positions = outIndex.length;
      spatialSource = new int[positions * window];
      kernelOffset = new int[window];
      outOffset = new int[positions];
      int[] low = g.padding().low();
      for (int w = 0; w < window; w++) {
        for (int s = 0; s < spatial; s++) kernelOffset[w] += windowIndex[w][s] * rStride[rs[2 + s]];
      }
      for (int p = 0; p < positions; p++) {
        for (int s = 0; s < spatial; s++) outOffset[p] += outIndex[p][s] * oStride[os[2 + s]];
        for (int w = 0; w < window; w++) {
          int off = 0;
          for (int s = 0; s < spatial && off >= 0; s++) {
            // The position in the dilated, padded input; between dilated elements there are zeros.
            int pos = outIndex[p][s] * g.strides()[s] + windowIndex[w][s] * g.rhsDilation()[s] - low[s];
            int i = pos / g.lhsDilation()[s];
            if (pos < 0 || pos % g.lhsDilation()[s] != 0 || i >= inSize[s]) off = -1;
            else off += i * lStride[ls[2 + s]];
          }
          spatialSource[p * window + w] = off;
        }
      }
      sourceRuns = new int[window][];
      for (int w = 0; w < window; w++) sourceRuns[w] = runs(w);
    }

    private boolean writesRowMajor() {
      if (oStride[os[1]] != positions) return false;
      for (int p = 0; p < positions; p++) if (outOffset[p] != p) return false;
      return true;
    }

    private int[] runs(int w) {
      int[] quads = new int[16];
      int count = 0;
      for (int p = 0; p < positions; ) {
        int src = spatialSource[p * window + w];
        if (src < 0) {
          p++;
          continue;
        }
        int next = p + 1 < positions ? spatialSource[(p + 1) * window + w] : -1;
        int step = next >= 0 ? next - src : 1, len = 1;
        while (p + len < positions && spatialSource[(p + len) * window + w] == src + len * step) len++;
        if (count + 4 > quads.length) quads = java.util.Arrays.copyOf(quads, quads.length * 2);
        quads[count++] = p;
        quads[count++] = src;
        quads[count++] = len;
        quads[count++] = step;
        p += len;
      }
      return java.util.Arrays.copyOf(quads, count);
    }

    /** The input batch and first input feature that group {@code group} of example {@code n} reads. */
    int lhsBase(int n, int group) {
      int batch = batchGroups ? group * outBatch + n : n;
      int feature = batchGroups ? 0 : group * inFeatures;
      return batch * lStride[ls[0]] + feature * lStride[ls[1]];
    }

    void direct(Storage lhs, Storage rhs, Storage out) {
      for (int n = 0; n < outBatch; n++) {
        for (int o = 0; o < outFeatures; o++) {
          int base = lhsBase(n, o / perGroup);
          for (int p = 0; p < positions; p++) {
            long acc = 0;
            for (int c = 0; c < inFeatures; c++) {
              int lBase = base + c * lStride[ls[1]], rBase = o * rStride[rs[0]] + c * rStride[rs[1]];
              for (int w = 0; w < window; w++) {
                int src = spatialSource[p * window + w];
                if (src >= 0) acc += lhs.getLong(lBase + src) * rhs.getLong(rBase + kernelOffset[w]);
              }
            }
            long v = out.dtype() == DType.I32 ? (int) acc : acc;
            out.setLong(n * oStride[os[0]] + o * oStride[os[1]] + outOffset[p], v);
          }
        }
      }
    }

    /**
     * The im2col products, a range of examples per thread (each thread its own patch and result buffers, each
     * product on one thread): the products of different examples are independent, and {@link Gemm}'s summation
     * order does not depend on its threads, so the result is the same for every thread count.
     */
    void products(Storage lhs, Storage rhs, Storage out) {
      int depth = inFeatures * window;
      boolean f32 = lhs.dtype() == DType.F32;
      long work = (long) outBatch * groups * perGroup * depth * positions;
      int threads = Parallel.threadsFor(work, outBatch);
      Gemm gemm = Gemm.standard().withThreads(threads > 1 ? 1 : Gemm.standard().threads());
      // Features then positions, row-major (NCHW's output): each product writes its rows of the output itself.
      boolean productInPlace = writesRowMajor();
      for (int group = 0; group < groups; group++) {
        // The group's kernel as a row-major [outputs, features * window] matrix.
        float[] wf = f32 ? new float[perGroup * depth] : null;
        double[] wd = f32 ? null : new double[perGroup * depth];
        for (int ol = 0; ol < perGroup; ol++) {
          int o = group * perGroup + ol;
          for (int c = 0; c < inFeatures; c++) {
            int rBase = o * rStride[rs[0]] + c * rStride[rs[1]];
            for (int w = 0; w < window; w++) {
              int at = ol * depth + c * window + w;
              if (f32) wf[at] = rhs.f32()[rBase + kernelOffset[w]];
              else wd[at] = rhs.f64()[rBase + kernelOffset[w]];
            }
          }
        }
        int g = group;
        Parallel.forRanges(outBatch, threads, (from, to) -> {
          if (f32) {
            float[] patches = new float[depth * positions], o = out.f32();
            float[] result = productInPlace ? null : new float[perGroup * positions];
            for (int n = (int) from; n < to; n++) {
              patches(lhs.data(), lhsBase(n, g), patches);
              int at = n * oStride[os[0]] + g * perGroup * positions;
              gemm.f32(1, perGroup, depth, positions, wf, Strides.rowMajor(perGroup, depth), patches,
                  Strides.rowMajor(depth, positions), productInPlace ? o : result, productInPlace ? at : 0,
                  Epilogue.NONE);
              if (productInPlace) continue;
              for (int ol = 0; ol < perGroup; ol++) {
                int oBase = n * oStride[os[0]] + (g * perGroup + ol) * oStride[os[1]];
                for (int p = 0; p < positions; p++) o[oBase + outOffset[p]] = result[ol * positions + p];
              }
            }
          } else {
            double[] patches = new double[depth * positions], o = out.f64();
            double[] result = productInPlace ? null : new double[perGroup * positions];
            for (int n = (int) from; n < to; n++) {
              patches(lhs.data(), lhsBase(n, g), patches);
              int at = n * oStride[os[0]] + g * perGroup * positions;
              gemm.f64(1, perGroup, depth, positions, wd, Strides.rowMajor(perGroup, depth), patches,
                  Strides.rowMajor(depth, positions), productInPlace ? o : result, productInPlace ? at : 0,
                  Epilogue.NONE);
              if (productInPlace) continue;
              for (int ol = 0; ol < perGroup; ol++) {
                int oBase = n * oStride[os[0]] + (g * perGroup + ol) * oStride[os[1]];
                for (int p = 0; p < positions; p++) o[oBase + outOffset[p]] = result[ol * positions + p];
              }
            }
          }
        });
      }
    }

    /**
     * One example's {@code [features * window, positions]} patch matrix ({@code float[]} or {@code double[]},
     * as {@code x}), into a buffer that started zeroed and is only ever written here: the runs cover the same
     * positions for every example, so padding and holes keep their zeros.
     */
    private void patches(Object x, int base, Object patches) {
      for (int c = 0; c < inFeatures; c++) {
        int lBase = base + c * lStride[ls[1]];
        for (int w = 0; w < window; w++) {
          int row = (c * window + w) * positions;
          int[] runs = sourceRuns[w];
          for (int k = 0; k < runs.length; k += 4) {
            int to = row + runs[k], from = lBase + runs[k + 1], len = runs[k + 2], step = runs[k + 3];
            if (step == 1) {
              System.arraycopy(x, from, patches, to, len);
            } else if (x instanceof float[] xf) {
              float[] pf = (float[]) patches;
              for (int i = 0; i < len; i++) pf[to + i] = xf[from + i * step];
            } else {
              double[] xd = (double[]) x, pd = (double[]) patches;
              for (int i = 0; i < len; i++) pd[to + i] = xd[from + i * step];
            }
          }
        }
      }
    }
  }

  /** Every row-major multi-index of {@code sizes}. */
  private static int[][] multiIndices(int[] sizes) {
    int count = 1;
    for (int d : sizes) count *= d;
    int[][] out = new int[count][];
    int[] idx = new int[sizes.length];
    for (int i = 0; i < count; i++) {
      out[i] = idx.clone();
      for (int d = sizes.length - 1; d >= 0; d--) {
        if (++idx[d] < sizes[d]) break;
        idx[d] = 0;
      }
    }
    return out;
  }

  // ---- forward and reverse mode ----------------------------------------------------------------------------

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    Array lhs = primals.get(0), rhs = primals.get(1);
    Array out = bind1(params, lhs, rhs);
    Tangent tl = tangents.get(0), tr = tangents.get(1);
    Tangent fromLhs = tl.isZero() ? tl : Tangent.of(bind1(params, tl.value(), rhs));
    Tangent fromRhs = tr.isZero() ? tr : Tangent.of(bind1(params, lhs, tr.value()));
    return JvpResult.of(out, Tangent.sum(out.aval(), fromLhs, fromRhs));
  }

  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    Tangent ct = cotangents.get(0);
    AbstractValue lhs = in.aval(0), rhs = in.aval(1);
    if (ct.isZero()) return List.of(Tangent.zero(lhs), Tangent.zero(rhs));
    Geometry g = Geometry.of(params);
    Tangent lhsCt = in.isUndefined(0) ? Tangent.of(transposeLhs(ct.value(), lhs.shape(), in.value(1), g))
        : Tangent.zero(lhs);
    Tangent rhsCt = in.isUndefined(1) ? transposeRhs(ct.value(), in.value(0), rhs, g) : Tangent.zero(rhs);
    return List.of(lhsCt, rhsCt);
  }

  /** JAX's {@code _conv_general_dilated_transpose_lhs}: the cotangent convolved with the flipped kernel. */
  private Array transposeLhs(Array ct, Shape lhsShape, Array rhs, Geometry g) {
    int[] ls = g.dn().lhsSpec(), rs = g.dn().rhsSpec(), os = g.dn().outSpec();
    int groups = g.featureGroups();
    if (g.featureGroups() > 1 || g.batchGroups() > 1) {
      // Move the group axis into the kernel's input features, which the transposed kernel outputs.
      int count = Math.max(g.featureGroups(), g.batchGroups());
      rhs = reshapeAxisInto(rs[0], rs[1], reshapeAxisOutOf(rs[0], count, rhs));
      groups = count;
    }
    ConvDimensionNumbers trans = new ConvDimensionNumbers(os, swapped(rs), ls);
    WindowPadding padding = vjpLhsPadding(spatialOf(lhsShape.dims(), ls), spatialOf(rhs.shape(), rs), g.strides(),
        spatialOf(ct.shape(), os), g.padding(), g.lhsDilation(), g.rhsDilation());
    Array flipped = Lax.rev(rhs, java.util.Arrays.copyOfRange(rs, 2, rs.length));
    Array out = bind1(params(g.lhsDilation(), padding, g.strides(), g.rhsDilation(), trans, groups, 1), ct, flipped);
    if (g.batchGroups() > 1) {
      out = reshapeAxisInto(ls[1], ls[0], reshapeAxisOutOf(ls[1], g.batchGroups(), out));
    }
    return out;
  }

  /** JAX's {@code _conv_general_dilated_transpose_rhs}: the input convolved with the cotangent. */
  private Tangent transposeRhs(Array ct, Array lhs, AbstractValue rhs, Geometry g) {
    if (Shape.of(ct.shape()).size() == 0) return Tangent.zero(rhs);
    int[] ls = g.dn().lhsSpec(), rs = g.dn().rhsSpec(), os = g.dn().outSpec();
    int featureGroups = g.featureGroups(), batchGroups = g.batchGroups();
    if (batchGroups > 1) {
      featureGroups = batchGroups;
      batchGroups = 1;
    } else if (featureGroups > 1) {
      batchGroups = featureGroups;
      featureGroups = 1;
    }
    ConvDimensionNumbers trans = new ConvDimensionNumbers(swapped(ls), swapped(os), swapped(rs));
    WindowPadding padding = vjpRhsPadding(spatialOf(lhs.shape(), ls), spatialOf(rhs.shape().dims(), rs), g.strides(),
        spatialOf(ct.shape(), os), g.padding(), g.lhsDilation(), g.rhsDilation());
    return Tangent.of(bind1(params(g.rhsDilation(), padding, g.lhsDilation(), g.strides(), trans, featureGroups,
        batchGroups), lhs, ct));
  }

  static WindowPadding vjpLhsPadding(int[] in, int[] window, int[] strides, int[] out, WindowPadding padding,
      int[] lhsDilation, int[] rhsDilation) {
    int n = in.length;
    int[] before = new int[n], after = new int[n], low = padding.low();
    for (int i = 0; i < n; i++) {
      int lhsDilated = dilate(in[i], lhsDilation[i]), rhsDilated = dilate(window[i], rhsDilation[i]);
      int outDilated = dilate(out[i], strides[i]);
      before[i] = rhsDilated - low[i] - 1;
      after[i] = lhsDilated + rhsDilated - 1 - outDilated - before[i];
    }
    return new WindowPadding(before, after);
  }

  private static WindowPadding vjpRhsPadding(int[] in, int[] window, int[] strides, int[] out, WindowPadding padding,
      int[] lhsDilation, int[] rhsDilation) {
    int n = in.length;
    int[] low = padding.low(), high = new int[n];
    for (int i = 0; i < n; i++) {
      int lhsDilated = dilate(in[i], lhsDilation[i]), rhsDilated = dilate(window[i], rhsDilation[i]);
      int outDilated = dilate(out[i], strides[i]);
      high[i] = (outDilated - lhsDilated) + (rhsDilated - low[i] - 1);
    }
    return new WindowPadding(low, high);
  }

  private static int[] spatialOf(int[] shape, int[] spec) {
    int[] out = new int[spec.length - 2];
    for (int s = 0; s < out.length; s++) out[s] = shape[spec[2 + s]];
    return out;
  }

  private static int[] swapped(int[] spec) {
    int[] out = spec.clone();
    out[0] = spec[1];
    out[1] = spec[0];
    return out;
  }

  // ---- batching ----------------------------------------------------------------------------------------------

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    Geometry g = Geometry.of(params);
    Array lhs = args.get(0), rhs = args.get(1);
    int lb = dims[0], rb = dims[1];
    int[] ls = g.dn().lhsSpec(), rs = g.dn().rhsSpec(), os = g.dn().outSpec();
    if (lb != BatchAxis.NOT_BATCHED && rb != BatchAxis.NOT_BATCHED) {
      // Each example's kernel sees only its own input: the batch becomes feature (or batch) groups.
      int size = lhs.shape()[lb];
      Array newLhs;
      Geometry grouped;
      if (g.batchGroups() > 1) {
        newLhs = reshapeAxisInto(lb, ls[0], lhs);
        grouped = g.withGroups(g.featureGroups(), g.batchGroups() * size);
      } else {
        newLhs = reshapeAxisInto(lb, ls[1], lhs);
        grouped = g.withGroups(g.featureGroups() * size, g.batchGroups());
      }
      Array out = bind1(grouped.params(), newLhs, reshapeAxisInto(rb, rs[0], rhs));
      return Batched.of(reshapeAxisOutOf(os[1], size, out), os[1]);
    }
    if (lb != BatchAxis.NOT_BATCHED) {
      int size = lhs.shape()[lb];
      Array newLhs;
      if (g.batchGroups() == 1) {
        newLhs = reshapeAxisInto(lb, ls[0], lhs);
      } else {
        newLhs = reshapeAxisOutOf(ls[0] + (lb <= ls[0] ? 1 : 0), g.batchGroups(), lhs);
        newLhs = reshapeAxisInto(lb + (ls[0] < lb ? 1 : 0), ls[0] + 1, newLhs);
        newLhs = reshapeAxisInto(ls[0], ls[0], newLhs);
      }
      return Batched.of(reshapeAxisOutOf(os[0], size, bind1(params, newLhs, rhs)), os[0]);
    }
    int size = rhs.shape()[rb];
    if (g.featureGroups() == 1 && g.batchGroups() == 1) {
      Array out = bind1(params, lhs, reshapeAxisInto(rb, rs[0], rhs));
      return Batched.of(reshapeAxisOutOf(os[1], size, out), os[1]);
    }
    // Groups stay outermost in the output features: factor them out, fold the batch in, put them back.
    int groups = Math.max(g.featureGroups(), g.batchGroups());
    Array newRhs = reshapeAxisOutOf(rs[0] + (rb <= rs[0] ? 1 : 0), groups, rhs);
    newRhs = reshapeAxisInto(rb + (rs[0] < rb ? 1 : 0), rs[0] + 1, newRhs);
    newRhs = reshapeAxisInto(rs[0], rs[0], newRhs);
    Array out = bind1(params, lhs, newRhs);
    out = reshapeAxisOutOf(os[1], groups, out);
    out = reshapeAxisOutOf(os[1] + 1, size, out);
    return Batched.of(reshapeAxisInto(os[1], os[1] + 1, out), os[1]);
  }

  /**
   * JAX's {@code _reshape_axis_into}: axis {@code src} merged into axis {@code dst} (numbered after {@code src}
   * is removed), {@code src} the major part.
   */
  static Array reshapeAxisInto(int src, int dst, Array x) {
    int rank = x.ndim();
    List<Integer> perm = new ArrayList<>();
    for (int i = 0; i < rank; i++) if (i != src) perm.add(i);
    perm.add(dst, src);
    int[] shape = x.shape();
    int[] merged = new int[rank - 1];
    for (int i = 0, k = 0; i < rank; i++) if (i != src) merged[k++] = shape[i];
    merged[dst] *= shape[src];
    return Lax.reshape(Lax.transpose(x, perm.stream().mapToInt(Integer::intValue).toArray()), merged);
  }

  /** JAX's {@code _reshape_axis_out_of}: axis {@code src} split into {@code (size1, rest)}. */
  static Array reshapeAxisOutOf(int src, int size1, Array x) {
    int[] shape = x.shape();
    int[] split = new int[shape.length + 1];
    for (int i = 0, k = 0; i < shape.length; i++) {
      if (i == src) {
        split[k++] = size1;
        split[k++] = shape[i] / size1;
      } else {
        split[k++] = shape[i];
      }
    }
    return Lax.reshape(x, split);
  }
}
