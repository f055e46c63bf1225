package org.neurostream.bench.delta;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.neurostream.delta.layer.ActivationLayer;
import org.neurostream.delta.layer.Activation;
import org.neurostream.delta.layer.Conv2D;
import org.neurostream.delta.layer.Dense;
import org.neurostream.delta.layer.Flatten;
import org.neurostream.delta.layer.Layer;
import org.neurostream.delta.layer.Pool2D;
import org.neurostream.delta.net.NetworkSpec;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The dense CNN baseline in ND4J's own operations: {@code conv2d} (NHWC data, YXIO weights, i.e. the library's
 * layouts), {@code maxPooling2d}, ReLU and {@code mmul} for dense layers, recomputed from the full frame every step.
 * Supports the layer kinds of {@link DeltaBenchNetworks#smallCnn()} (conv2d, ReLU, max pooling, flatten, dense).
 */
final class Nd4jCnnBaseline {

  private final List<Layer> layers;
  private final List<INDArray[]> params = new ArrayList<>();
  private final INDArray input;
  private final float[] out;

  Nd4jCnnBaseline(NetworkSpec spec) {
    this.layers = spec.layers();
    for (Layer layer : layers) {
      if (layer instanceof Conv2D c) {
        params.add(new INDArray[] {
            Nd4j.create(c.weights(), new long[] {c.kernelHeight(), c.kernelWidth(), c.inputShape().channels(),
                c.outChannels()}, DataType.FLOAT),
            Nd4j.create(c.bias(), new long[] {c.outChannels()}, DataType.FLOAT)});
      } else if (layer instanceof Dense d) {
        params.add(new INDArray[] {
            Nd4j.create(d.weights(), new long[] {d.inputSize(), d.outputSize()}, DataType.FLOAT),
            Nd4j.create(d.bias(), new long[] {1, d.outputSize()}, DataType.FLOAT)});
      } else if (layer instanceof Pool2D p && p.poolKind() == Pool2D.Kind.MAX
          || layer instanceof ActivationLayer a && a.activation() == Activation.RELU || layer instanceof Flatten) {
        params.add(null);
      } else {
        throw new IllegalArgumentException("Baseline does not support layer " + layer.kind());
      }
    }
    var s = spec.inputShape();
    this.input = Nd4j.create(DataType.FLOAT, 1, s.height(), s.width(), s.channels());
    this.out = new float[spec.outputShape().size()];
  }

  float[] step(float[] frame) {
    FloatBuffer b = input.data().asNioFloat();
    b.clear();
    b.put(frame);
    INDArray x = input;
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      if (layer instanceof Conv2D c) {
        Conv2DConfig cfg = Conv2DConfig.builder().kH(c.kernelHeight()).kW(c.kernelWidth()).sH(c.stride())
            .sW(c.stride()).pH(c.padding()).pW(c.padding()).dataFormat("NHWC").weightsFormat(WeightsFormat.YXIO)
            .build();
        x = Nd4j.cnn().conv2d(x, params.get(i)[0], params.get(i)[1], cfg);
      } else if (layer instanceof Pool2D p) {
        Pooling2DConfig cfg = Pooling2DConfig.builder().kH(p.size()).kW(p.size()).sH(p.stride()).sW(p.stride())
            .isNHWC(true).build();
        x = Nd4j.cnn().maxPooling2d(x, cfg);
      } else if (layer instanceof ActivationLayer) {
        x = Transforms.relu(x, false);
      } else if (layer instanceof Flatten) {
        x = x.reshape(1, x.length());
      } else if (layer instanceof Dense) {
        x = x.mmul(params.get(i)[0]).addi(params.get(i)[1]);
      }
    }
    FloatBuffer o = x.data().asNioFloat();
    o.clear();
    o.get(out);
    return out;
  }
}
