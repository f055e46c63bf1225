package org.neurostream.deploy.dashboard;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neurostream.bci.filter.BandType;
import org.neurostream.bci.filter.IirDesign;
import org.neurostream.bci.filter.SosCoefficients;
import org.neurostream.bci.pipeline.Pipeline;
import org.neurostream.deploy.online.OnlineJob;
import org.neurostream.operators.online.Prediction;

/**
 * Builds the online BCI job with a dashboard: the raw signal and markers as the job reads them, the signal filtered
 * with the job's own causal band-pass, band power over the pipeline's band, and every decision.
 */
public final class OnlineDashboard {
    /** How long the dashboard waits for LSL streams to answer when it looks up a stream's channel labels. */
    static final java.time.Duration LSL_RESOLVE_TIME = java.time.Duration.ofSeconds(1);

    private OnlineDashboard() {
    }

    /**
     * Adds {@code job} and its dashboard to {@code env}; returns the prediction stream as {@link OnlineJob#build}
     * does.
     *
     * @param flinkRestUrl Flink's REST address for the backpressure view, or null
     */
    public static DataStream<Prediction> build(OnlineJob job, StreamExecutionEnvironment env,
            DashboardOptions options, String flinkRestUrl) {
        List<DataStream<DashboardEvent>> taps = new ArrayList<>();
        Pipeline pipeline = job.pipeline();
        double low = pipeline.spec().lowHz();
        double high = pipeline.spec().highHz();
        SosCoefficients band = IirDesign.butterworth(OnlineJob.FILTER_ORDER, BandType.BANDPASS,
                pipeline.sampleRateHz(), low, high);
        Dashboards.Recorded recorded = Dashboards.recorded(job.spec().files());
        DataStream<Prediction> predictions = job.build(env, input -> {
            taps.add(Dashboards.signals(input, Math.max(low, 1), high, band, recorded,
                    job.spec().lslPredicates().isEmpty() ? null : StreamDescriber.lsl(LSL_RESOLVE_TIME)));
            return input;
        });
        DataStream<DashboardEvent> events = taps.get(0)
                .union(Dashboards.predictions(predictions, pipeline.classNames()));
        DashboardOperator.attach(events, DashboardInfo.of("neurostream run", recorded.streams(),
                pipeline.classNames()), options, flinkRestUrl);
        return predictions;
    }
}
