package org.neurostream.bench.delta;

import com.aparapi.device.Device;
import java.util.List;
import java.util.Random;
import org.neurostream.delta.kernel.AparapiKernelBackend;
import org.neurostream.delta.kernel.JavaKernelBackend;
import org.neurostream.delta.kernel.Nd4jKernelBackend;
import org.neurostream.delta.layer.Activation;
import org.neurostream.delta.layer.ActivationLayer;
import org.neurostream.delta.layer.Conv2D;
import org.neurostream.delta.layer.Dense;
import org.neurostream.delta.layer.Flatten;
import org.neurostream.delta.layer.Layer;
import org.neurostream.delta.layer.Pool2D;
import org.neurostream.delta.layer.Shape;
import org.neurostream.delta.net.ComputePolicy;
import org.neurostream.delta.net.DeltaNetwork;
import org.neurostream.delta.net.NetworkSpec;

/** The networks and engines the delta benchmarks compare. */
public final class DeltaBenchNetworks {

  /** Engines: the delta network on a backend, or a dense recompute baseline. */
  public enum Engine { JAVA_DELTA, JAVA_DENSE, ND4J_DENSE, APARAPI_DELTA }

  private DeltaBenchNetworks() {
  }

  /** One 1024×1024 dense layer, threshold 0. */
  static NetworkSpec denseLayer() {
    Random r = new Random(1);
    return NetworkSpec.withUniformThreshold(Shape.vector(1024),
        List.of(new Dense(1024, 1024, random(r, 1024 * 1024, 1.0 / 32), random(r, 1024, 0.1))), 0f);
  }

  /**
   * A small CNN on 32×32×2 frames: conv 3×3×8 (pad 1) → ReLU → max-pool 2 → conv 3×3×16 (pad 1) → ReLU → max-pool 2
   * → flatten → dense 1024×64 → ReLU → dense 64×10. Threshold 0.
   */
  static NetworkSpec smallCnn() {
    Random r = new Random(2);
    Shape in = new Shape(32, 32, 2);
    Conv2D c1 = new Conv2D(in, 8, 3, 3, 1, 1, random(r, 3 * 3 * 2 * 8, 0.3), random(r, 8, 0.1));
    Shape s1 = c1.outputShape();
    Pool2D p1 = new Pool2D(s1, Pool2D.Kind.MAX, 2, 2);
    Conv2D c2 = new Conv2D(p1.outputShape(), 16, 3, 3, 1, 1, random(r, 3 * 3 * 8 * 16, 0.15), random(r, 16, 0.1));
    Pool2D p2 = new Pool2D(c2.outputShape(), Pool2D.Kind.MAX, 2, 2);
    int flat = p2.outputShape().size();
    List<Layer> layers = List.of(c1, new ActivationLayer(s1, Activation.RELU), p1, c2,
        new ActivationLayer(c2.outputShape(), Activation.RELU), p2, new Flatten(p2.outputShape()),
        new Dense(flat, 64, random(r, flat * 64, 0.03), random(r, 64, 0.1)),
        new ActivationLayer(Shape.vector(64), Activation.RELU),
        new Dense(64, 10, random(r, 640, 0.1), random(r, 10, 0.1)));
    return NetworkSpec.withUniformThreshold(in, layers, 0f);
  }

  static DeltaNetwork open(NetworkSpec spec, Engine engine) {
    return switch (engine) {
      case JAVA_DELTA -> new DeltaNetwork(spec, new JavaKernelBackend());
      case JAVA_DENSE -> new DeltaNetwork(spec, new JavaKernelBackend(), ComputePolicy.ALWAYS_DENSE);
      case ND4J_DENSE -> new DeltaNetwork(spec, new Nd4jKernelBackend());
      case APARAPI_DELTA -> new DeltaNetwork(spec, new AparapiKernelBackend(Device.best()));
    };
  }

  private static float[] random(Random r, int n, double sd) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextGaussian() * sd);
    }
    return v;
  }
}
