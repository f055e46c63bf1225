package org.neurostream.delta.net;

import java.util.ArrayList;
import java.util.List;
import org.neurostream.delta.kernel.KernelBackend;
import org.neurostream.delta.layer.Conv2D;
import org.neurostream.delta.layer.Dense;
import org.neurostream.delta.layer.Gru;
import org.neurostream.delta.layer.Layer;
import org.neurostream.delta.metrics.LayerStepMetrics;
import org.neurostream.delta.metrics.StaticMetrics;
import org.neurostream.delta.metrics.StepMetrics;

/**
 * A network that computes only what changed. Every layer with weights (dense, conv2d, gru) has a Delta Activation
 * Layer in front with that layer's threshold from the {@link NetworkSpec}, and keeps its pre-activations as memories
 * updated by {@code W · Δ} over the non-zero deltas; activations, pooling and flatten are recomputed element-wise.
 * With all thresholds 0 the outputs equal {@link DenseNetwork}'s up to float32 rounding; with thresholds above 0 the
 * error is bounded (see docs/delta-layers.md).
 *
 * <p>The arithmetic runs on the injected {@link KernelBackend}. The memories can be {@linkplain #reset() reset}, and
 * {@linkplain #snapshot() snapshotted} into a {@link DeltaState} and {@linkplain #restore(DeltaState) restored} so a
 * stream resumes where it stopped. Not thread-safe: one instance per stream; {@link #close()} releases device kernels.
 */
public final class DeltaNetwork implements AutoCloseable {

  private final NetworkSpec spec;
  private final KernelBackend backend;
  private final List<Stage> stages = new ArrayList<>();
  private final float[][] stepInputs;
  private final float[][] stepOutputs;
  private long steps;

  /** A delta network computing with {@link ComputePolicy#AUTO}. */
  public DeltaNetwork(NetworkSpec spec, KernelBackend backend) {
    this(spec, backend, ComputePolicy.AUTO);
  }

  public DeltaNetwork(NetworkSpec spec, KernelBackend backend, ComputePolicy policy) {
    this.spec = spec;
    this.backend = backend;
    boolean sparse = backend.sparse() && policy == ComputePolicy.AUTO;
    for (int i = 0; i < spec.layers().size(); i++) {
      Layer layer = spec.layers().get(i);
      float t = spec.thresholds().get(i);
      Stage stage;
      if (layer instanceof Dense d) {
        stage = new DenseStage(d, t, backend, sparse);
      } else if (layer instanceof Conv2D c) {
        stage = new ConvStage(c, t, backend, sparse);
      } else if (layer instanceof Gru g) {
        stage = new GruStage(g, t, backend, sparse);
      } else {
        stage = new StatelessStage(layer);
      }
      stages.add(stage);
    }
    stepInputs = new float[stages.size()][];
    stepOutputs = new float[stages.size()][];
  }

  public NetworkSpec spec() {
    return spec;
  }

  public KernelBackend backend() {
    return backend;
  }

  /**
   * Advances one time step. Returns the last layer's output in a buffer owned by the network, overwritten by the next
   * step (copy it to keep it).
   */
  public float[] step(float[] input) {
    if (input.length != spec.inputShape().size()) {
      throw new IllegalArgumentException("Input has " + input.length + " values, the network expects "
          + spec.inputShape().size() + " (" + spec.inputShape() + ")");
    }
    float[] x = input;
    for (int i = 0; i < stages.size(); i++) {
      stepInputs[i] = x;
      x = stages.get(i).step(x);
      stepOutputs[i] = x;
    }
    steps++;
    return x;
  }

  /** Number of steps since construction or the last {@link #reset()} (restored with the state). */
  public long steps() {
    return steps;
  }

  /** Per-layer metrics of the last step (computed on demand from that step's buffers). */
  public StepMetrics lastStepMetrics() {
    if (steps == 0 || stepOutputs[0] == null) {
      throw new IllegalStateException("No step has run yet, so there are no step metrics.");
    }
    List<LayerStepMetrics> m = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      m.add(stages.get(i).metrics(i, stepInputs[i], stepOutputs[i]));
    }
    return new StepMetrics(m);
  }

  /** A copy of layer {@code i}'s output in the last step (for inspection and metric recounts). */
  public float[] layerOutput(int i) {
    if (stepOutputs[i] == null) {
      throw new IllegalStateException("No step has run yet, so layer " + i + " has no output.");
    }
    return stepOutputs[i].clone();
  }

  /** Forgets every memory: the next step behaves like the first step of a new stream. */
  public void reset() {
    for (Stage s : stages) {
      s.reset();
    }
    steps = 0;
  }

  /** Number of float32 values held as state (last transmitted values, memories, hidden states). */
  public long stateFloats() {
    long n = 0;
    for (Stage s : stages) {
      for (float[] a : s.stateArrays()) {
        n += a.length;
      }
    }
    return n;
  }

  /**
   * NeuroBench memory footprint: bytes of all parameters plus all state buffers (last transmitted values, memories,
   * hidden states), float32 each.
   */
  public long footprintBytes() {
    return StaticMetrics.parameterBytes(spec.layers()) + stateFloats() * Float.BYTES;
  }

  /** Copies the current state. */
  public DeltaState snapshot() {
    List<String> kinds = new ArrayList<>();
    List<float[][]> arrays = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      kinds.add(spec.layers().get(i).kind());
      float[][] live = stages.get(i).stateArrays();
      float[][] copy = new float[live.length][];
      for (int k = 0; k < live.length; k++) {
        copy[k] = live[k].clone();
      }
      arrays.add(copy);
    }
    return new DeltaState(steps, kinds, arrays);
  }

  /**
   * Replaces the current state with {@code state}, which must come from a network with the same layers.
   *
   * @throws IllegalArgumentException naming the first layer whose kind or buffer sizes differ
   */
  public void restore(DeltaState state) {
    if (state.layerKinds().size() != stages.size()) {
      throw new IllegalArgumentException("State has " + state.layerKinds().size() + " layers, this network has "
          + stages.size());
    }
    for (int i = 0; i < stages.size(); i++) {
      String kind = spec.layers().get(i).kind();
      if (!state.layerKinds().get(i).equals(kind)) {
        throw new IllegalArgumentException("State layer " + i + " is '" + state.layerKinds().get(i)
            + "' but this network's layer " + i + " is '" + kind + "'");
      }
      float[][] live = stages.get(i).stateArrays();
      float[][] saved = state.arrays().get(i);
      if (saved.length != live.length) {
        throw new IllegalArgumentException("State layer " + i + " (" + kind + ") has " + saved.length
            + " buffers, expected " + live.length);
      }
      for (int k = 0; k < live.length; k++) {
        if (saved[k].length != live[k].length) {
          throw new IllegalArgumentException("State layer " + i + " (" + kind + ") buffer " + k + " has "
              + saved[k].length + " values, expected " + live[k].length);
        }
      }
    }
    for (int i = 0; i < stages.size(); i++) {
      float[][] live = stages.get(i).stateArrays();
      float[][] saved = state.arrays().get(i);
      for (int k = 0; k < live.length; k++) {
        System.arraycopy(saved[k], 0, live[k], 0, live[k].length);
      }
    }
    steps = state.steps();
  }

  @Override
  public void close() {
    for (Stage s : stages) {
      s.close();
    }
  }
}
