package org.neurostream.video.delta;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.neurostream.delta.kernel.JavaKernelBackend;
import org.neurostream.delta.layer.Shape;
import org.neurostream.delta.net.NetworkSpec;
import org.neurostream.delta.train.MovingShapes;
import org.neurostream.delta.train.SequenceEvaluation;

class TrainedFrameCnnTest {

    @Test
    void bundledModelClassifiesHeldOutMovingShapesWithSparseHiddenDeltas() {
        NetworkSpec spec = TrainedFrameCnn.load();
        assertThat(spec.inputShape()).isEqualTo(new Shape(32, 32, 1));
        assertThat(spec.layers()).extracting(l -> l.kind()).containsExactly("conv2d", "activation", "quantize",
                "conv2d", "activation", "quantize", "maxpool2d", "flatten", "dense");
        // Seed 99 differs from the training (31) and evaluation (32) seeds of CnnSparsityTrainingDemo.
        SequenceEvaluation e = SequenceEvaluation.evaluate(spec, MovingShapes.generate(100, 10, 32, 99),
                new JavaKernelBackend());
        assertThat(e.accuracy()).isGreaterThanOrEqualTo(0.95);
        assertThat(e.hiddenTemporalSparsity()).isGreaterThan(0.95);
    }
}
