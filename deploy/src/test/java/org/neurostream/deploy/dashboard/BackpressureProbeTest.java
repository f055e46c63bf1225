package org.neurostream.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

/** The dashboard's back-pressure probe against a real embedded Flink job and its REST API. */
class BackpressureProbeTest {

    @Test
    void readsTheBackPressureOfARunningJobFromFlinksRestApi() throws Exception {
        Configuration conf = new Configuration();
        String restUrl = Dashboards.embeddedRestUrl(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        env.disableOperatorChaining();
        // a source far faster than the map after it: the source's task is back-pressured nearly all of the time
        env.fromSequence(0, Long.MAX_VALUE).map(new SlowIdentity()).sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync("back-pressured");
        try {
            BackpressureProbe probe = new BackpressureProbe(restUrl + "/", job.getJobID().toHexString(), conf);
            Double ratio = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // Flink reports 0 until the first 5-s window of the task's back-pressure gauge has passed
            while ((ratio == null || ratio < 0.5) && System.nanoTime() < deadline) {
                Thread.sleep(500);
                ratio = probe.maxRatio();
            }
            assertThat(ratio).as("highest back-pressured ratio of any subtask").isNotNull().isBetween(0.5, 1.0);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aJobFlinkDoesNotKnowIsUnknownNotZero() throws Exception {
        Configuration conf = new Configuration();
        String restUrl = Dashboards.embeddedRestUrl(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        env.fromSequence(0, Long.MAX_VALUE).map(new SlowIdentity()).sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync("another job");
        try {
            BackpressureProbe probe = new BackpressureProbe(restUrl, "0123456789abcdef0123456789abcdef", conf);
            assertThat(probe.maxRatio()).isNull();
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void noRestApiListeningIsUnknown() throws Exception {
        BackpressureProbe probe = new BackpressureProbe("http://127.0.0.1:" + DashboardClient.freePort(),
                "0123456789abcdef0123456789abcdef", new Configuration());
        assertThat(probe.maxRatio()).isNull();
    }

    @Test
    void asksOncePerFlinkMetricFetchAfterTheFirstBackPressureWindow() {
        Configuration conf = new Configuration();
        BackpressureProbe byDefault = new BackpressureProbe("http://127.0.0.1:8081", "00", conf);
        assertThat(byDefault.queryEvery()).isEqualTo(Duration.ofSeconds(10));
        assertThat(byDefault.firstQueryAfter()).isEqualTo(Duration.ofSeconds(6));

        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(30));
        assertThat(new BackpressureProbe("http://127.0.0.1:8081", "00", conf).queryEvery())
                .isEqualTo(Duration.ofSeconds(30));
        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofMillis(500));
        assertThat(new BackpressureProbe("http://127.0.0.1:8081", "00", conf).queryEvery())
                .as("never more often than every few seconds").isEqualTo(Duration.ofSeconds(3));
    }

    /** Passes each number on after a millisecond. */
    private static final class SlowIdentity implements MapFunction<Long, Long> {
        @Override
        public Long map(Long value) throws Exception {
            Thread.sleep(1);
            return value;
        }
    }
}
