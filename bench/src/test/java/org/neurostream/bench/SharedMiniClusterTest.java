package org.neurostream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/** Jobs one after another on one {@link SharedMiniCluster}, seen through its REST API. */
class SharedMiniClusterTest {

    @Test
    void jobsRunOneAfterAnotherOnTheSameClusterAndItsRestApiListsThemAll() throws Exception {
        try (SharedMiniCluster cluster = SharedMiniCluster.start(1)) {
            List<String> jobIds = new ArrayList<>();
            for (int job = 0; job < 2; job++) {
                StreamExecutionEnvironment env = cluster.environment(new Configuration(), 1);
                env.fromSequence(1, 1000).sinkTo(new DiscardingSink<>());
                JobExecutionResult result = env.execute("job " + job);
                jobIds.add(result.getJobID().toHexString());
            }
            StreamExecutionEnvironment env = cluster.environment(new Configuration(), 1);
            long sum = 0;
            try (CloseableIterator<Long> squares = env.fromSequence(1, 10).map((MapFunction<Long, Long>) v -> v * v)
                    .executeAndCollect()) {
                while (squares.hasNext()) {
                    sum += squares.next();
                }
            }
            assertThat(sum).isEqualTo(385);

            HttpResponse<String> jobs = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(cluster.restUrl() + "/jobs")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(jobs.statusCode()).isEqualTo(200);
            assertThat(jobs.body()).contains(jobIds.get(0), jobIds.get(1));
            assertThat(cluster.restUrl()).startsWith("http://127.0.0.1:");
        }
    }
}
