package org.neurostream.video.delta;

import java.util.List;
import java.util.SplittableRandom;
import org.neurostream.delta.layer.Activation;
import org.neurostream.delta.layer.ActivationLayer;
import org.neurostream.delta.layer.Conv2D;
import org.neurostream.delta.layer.Dense;
import org.neurostream.delta.layer.Flatten;
import org.neurostream.delta.layer.Layer;
import org.neurostream.delta.layer.Pool2D;
import org.neurostream.delta.layer.Shape;
import org.neurostream.delta.net.NetworkSpec;

/**
 * A small CNN for frames: conv 3×3 → 8 (stride 2, pad 1) → ReLU → conv 3×3 → 16 (stride 2, pad 1) → ReLU → max-pool 2
 * → flatten → dense 32 → ReLU → dense {@code outputs}. Weights are He-initialised from a seed: a fixed random-feature
 * extractor, not a trained classifier, used where no model file is given (the CLI default, the benchmark). Frames of
 * 1–3 channels, values on a [0, 1] scale.
 */
public final class FrameCnn {
    private FrameCnn() {
    }

    /**
     * @param height frame height in pixels (at least 8)
     * @param width frame width in pixels (at least 8)
     * @param channels frame channels
     * @param outputs size of the last layer
     * @param threshold delta threshold of every weighted layer (0 gives exact delta inference)
     * @param seed seed of the weights
     */
    public static NetworkSpec spec(int height, int width, int channels, int outputs, float threshold, long seed) {
        if (height < 8 || width < 8) {
            throw new IllegalArgumentException("frames must be at least 8x8 for this CNN, but got " + width + "x"
                    + height);
        }
        SplittableRandom r = new SplittableRandom(seed);
        Shape in = new Shape(height, width, channels);
        Conv2D c1 = new Conv2D(in, 8, 3, 3, 2, 1, he(r, 9 * channels, 9 * channels * 8), small(r, 8));
        Conv2D c2 = new Conv2D(c1.outputShape(), 16, 3, 3, 2, 1, he(r, 9 * 8, 9 * 8 * 16), small(r, 16));
        Pool2D p = new Pool2D(c2.outputShape(), Pool2D.Kind.MAX, 2, 2);
        int flat = p.outputShape().size();
        List<Layer> layers = List.of(c1, new ActivationLayer(c1.outputShape(), Activation.RELU), c2,
                new ActivationLayer(c2.outputShape(), Activation.RELU), p, new Flatten(p.outputShape()),
                new Dense(flat, 32, he(r, flat, flat * 32), small(r, 32)),
                new ActivationLayer(Shape.vector(32), Activation.RELU),
                new Dense(32, outputs, he(r, 32, 32 * outputs), small(r, outputs)));
        return NetworkSpec.withUniformThreshold(in, layers, threshold);
    }

    private static float[] he(SplittableRandom r, int fanIn, int n) {
        float[] w = new float[n];
        double scale = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < n; i++) {
            w[i] = (float) (gaussian(r) * scale);
        }
        return w;
    }

    private static float[] small(SplittableRandom r, int n) {
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
            b[i] = (float) (0.01 * gaussian(r));
        }
        return b;
    }

    private static double gaussian(SplittableRandom r) {
        // Box–Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1.0 - r.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
