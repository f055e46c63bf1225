package org.neurostream.video.delta;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.neurostream.delta.kernel.KernelBackend;
import org.neurostream.delta.metrics.LayerStepMetrics;
import org.neurostream.delta.metrics.MetricsAccumulator;
import org.neurostream.delta.metrics.StepMetrics;
import org.neurostream.delta.net.ComputePolicy;
import org.neurostream.delta.net.NetworkSpec;
import org.neurostream.video.frame.Frame;

/**
 * Runs decoded frames of one stream through a delta network and, optionally, a dense baseline of the same network,
 * and reports speed, per-layer temporal sparsity and effective versus dense MACs ({@link DeltaVideoReport}).
 *
 * <p>Accuracy: the same network with every threshold 0 (exact, dense-equivalent) runs alongside, and the report gives
 * the largest output deviation from it.
 *
 * <p>Timing: one untimed warm-up pass, then {@code timedPasses} passes each from fresh memories; the reported frames
 * per second is the median pass. Frames are decoded before timing, so decoding is excluded. The clock is injected.
 */
public final class DeltaVideoAnalysis {
    private final NetworkSpec spec;
    private final Supplier<KernelBackend> deltaBackend;
    private final Supplier<KernelBackend> baselineBackend;
    private final int timedPasses;
    private final LongSupplier nanoClock;

    /**
     * @param baselineBackend backend of the dense baseline (run with {@link ComputePolicy#ALWAYS_DENSE}), or null for
     *                        none
     */
    public DeltaVideoAnalysis(NetworkSpec spec, Supplier<KernelBackend> deltaBackend,
                              Supplier<KernelBackend> baselineBackend, int timedPasses, LongSupplier nanoClock) {
        if (timedPasses < 1) {
            throw new IllegalArgumentException("timedPasses must be at least 1, but got " + timedPasses);
        }
        this.spec = spec;
        this.deltaBackend = deltaBackend;
        this.baselineBackend = baselineBackend;
        this.timedPasses = timedPasses;
        this.nanoClock = nanoClock;
    }

    public DeltaVideoReport run(String streamKey, List<Frame> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException(streamKey + ": no frames to run");
        }
        MetricsAccumulator total = new MetricsAccumulator();
        List<StepMetrics> perFrame = new ArrayList<>(frames.size());
        double maxDeviation = 0;
        double maxExact = 0;
        List<Float> zero = new ArrayList<>();
        spec.layers().forEach(l -> zero.add(0f));
        try (DeltaFrameRunner runner = new DeltaFrameRunner(spec, deltaBackend.get());
             DeltaFrameRunner exact = new DeltaFrameRunner(spec.withThresholds(zero), deltaBackend.get())) {
            for (Frame f : frames) {
                float[] y = runner.step(f);
                float[] y0 = exact.step(f);
                for (int i = 0; i < y.length; i++) {
                    maxDeviation = Math.max(maxDeviation, Math.abs(y[i] - y0[i]));
                    maxExact = Math.max(maxExact, Math.abs(y0[i]));
                }
                StepMetrics m = runner.network().lastStepMetrics();
                total.add(m);
                perFrame.add(m);
            }
        }
        double deltaFps = framesPerSecond(frames, deltaBackend, ComputePolicy.AUTO);
        double baselineFps = Double.NaN;
        String baselineName = "";
        if (baselineBackend != null) {
            baselineFps = framesPerSecond(frames, baselineBackend, ComputePolicy.ALWAYS_DENSE);
            baselineName = baselineBackend.get().name();
        }
        List<DeltaVideoReport.Layer> layers = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            if (!spec.layers().get(i).hasWeights()) {
                continue;
            }
            double[] series = new double[frames.size()];
            for (int k = 0; k < series.length; k++) {
                series[k] = perFrame.get(k).layers().get(i).temporalSparsity();
            }
            LayerStepMetrics first = perFrame.get(0).layers().get(i);
            layers.add(new DeltaVideoReport.Layer(i, first.kind(), total.temporalSparsity(i), total.denseMacs(i),
                    total.effectiveMacs(i), series));
        }
        Frame f0 = frames.get(0);
        return new DeltaVideoReport(streamKey, frames.size(), f0.width(), f0.height(), f0.channels(), deltaFps,
                baselineFps, baselineName, total.temporalSparsity(), total.denseMacs(), total.effectiveMacs(), maxDeviation,
                maxExact == 0 ? maxDeviation : maxDeviation / maxExact, layers);
    }

    private double framesPerSecond(List<Frame> frames, Supplier<KernelBackend> backend, ComputePolicy policy) {
        double[] fps = new double[timedPasses];
        for (int pass = -1; pass < timedPasses; pass++) {
            try (DeltaFrameRunner runner = new DeltaFrameRunner(spec, backend.get(), policy)) {
                long start = nanoClock.getAsLong();
                for (Frame f : frames) {
                    runner.step(f);
                }
                long nanos = Math.max(1, nanoClock.getAsLong() - start);
                if (pass >= 0) {
                    fps[pass] = frames.size() * 1e9 / nanos;
                }
            }
        }
        Arrays.sort(fps);
        return fps[timedPasses / 2];
    }
}
