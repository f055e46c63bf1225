package org.neurostream.bench;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.flink.api.dag.Pipeline;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.runtime.minicluster.RpcServiceSharing;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.neurostream.deploy.dashboard.Dashboards;

/**
 * One Flink MiniCluster that runs many jobs one after another, for harnesses that compare jobs within one JVM: a
 * local environment ({@code createLocalEnvironment}) starts a MiniCluster per job, and with it loads Flink's RPC
 * system (Pekko, in a class loader of its own) afresh, which the JIT then compiles again in every job.
 *
 * <p>Built like the per-job MiniCluster of a local environment (one task manager, shared RPC service, the given
 * slots), with its REST API on a free loopback port ({@link #restUrl()}, as {@link Dashboards#embeddedRestUrl} sets
 * it for an embedded job). {@link #environment} gives a fresh environment per job whose {@code execute} submits the
 * job's stream graph to this cluster and waits for its result.
 */
public final class SharedMiniCluster implements AutoCloseable {
    private static final String EXECUTOR_NAME = "neurostream-shared-minicluster";

    private final MiniCluster cluster;
    private final String restUrl;

    private SharedMiniCluster(MiniCluster cluster, String restUrl) {
        this.cluster = cluster;
        this.restUrl = restUrl;
    }

    /** Starts a cluster of one task manager with {@code slots} slots. */
    public static SharedMiniCluster start(int slots) throws Exception {
        Configuration conf = new Configuration();
        String restUrl = Dashboards.embeddedRestUrl(conf);
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(slots)
                .setRpcServiceSharing(RpcServiceSharing.SHARED).build());
        cluster.start();
        return new SharedMiniCluster(cluster, restUrl);
    }

    /** The cluster's REST address, e.g. {@code http://127.0.0.1:40123}. */
    public String restUrl() {
        return restUrl;
    }

    /**
     * A fresh environment for one job with the job's {@code configuration} (pipeline options and the like; the
     * cluster's own configuration is fixed at start), default parallelism {@code parallelism}.
     */
    public StreamExecutionEnvironment environment(Configuration configuration, int parallelism) {
        Configuration conf = new Configuration(configuration);
        conf.set(DeploymentOptions.TARGET, EXECUTOR_NAME);
        conf.set(DeploymentOptions.ATTACHED, true);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(new Loader(), conf,
                Thread.currentThread().getContextClassLoader());
        env.setParallelism(parallelism);
        return env;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    /** Submits a pipeline's stream graph to the cluster, as Flink's per-job local executor does to its own. */
    private final class Executor implements PipelineExecutor {
        @Override
        public CompletableFuture<JobClient> execute(Pipeline pipeline, Configuration conf, ClassLoader classLoader)
                throws Exception {
            StreamGraph graph = PipelineExecutorUtils.getStreamGraph(pipeline, conf);
            try {
                graph.serializeUserDefinedInstances();
            } catch (IOException e) {
                throw new IOException("Could not serialize the operators of job '" + graph.getJobName() + "'.", e);
            }
            return cluster.submitJob(graph).thenApply(submitted -> new MiniClusterJobClient(submitted.getJobID(),
                    cluster, classLoader, MiniClusterJobClient.JobFinalizationBehavior.NOTHING));
        }
    }

    /** Offers {@link Executor} for the target {@value #EXECUTOR_NAME}. */
    private final class Loader implements PipelineExecutorServiceLoader, PipelineExecutorFactory {
        @Override
        public PipelineExecutorFactory getExecutorFactory(Configuration conf) {
            return this;
        }

        @Override
        public Stream<String> getExecutorNames() {
            return Stream.of(EXECUTOR_NAME);
        }

        @Override
        public String getName() {
            return EXECUTOR_NAME;
        }

        @Override
        public boolean isCompatibleWith(Configuration conf) {
            return EXECUTOR_NAME.equals(conf.get(DeploymentOptions.TARGET));
        }

        @Override
        public PipelineExecutor getExecutor(Configuration conf) {
            return new Executor();
        }
    }
}
