package org.neurostream.deploy.dashboard;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The end of a job's dashboard branch: owns the {@link DashboardServer} for as long as the job runs and hands it each
 * {@link DashboardEvent}. Runs with parallelism 1 wherever Flink places it (on a cluster: a task manager, whose
 * address then serves the page). Completed checkpoints are noted for the health view.
 *
 * <p>Events are handed to a thread of the dashboard's own ({@code neurostream-dashboard-publisher}), which turns them
 * into JSON and queues them for the clients, so the job's thread (to which this operator is usually chained) only
 * enqueues (into an array-backed queue: nothing is allocated per event). That queue holds {@value #PUBLISH_QUEUE}
 * events; should the publisher fall that far behind, the oldest waiting event is dropped: the job never waits for the
 * dashboard.
 *
 * <p>An operator rather than a Sink v2 writer because sink writers are not told when checkpoints complete. Holds no
 * Flink state: a restored job starts a fresh dashboard.
 */
public final class DashboardOperator extends AbstractStreamOperator<Void>
        implements OneInputStreamOperator<DashboardEvent, Void> {
    private static final long serialVersionUID = 1L;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DashboardOperator.class);
    /** Events waiting for the publisher thread, at most. */
    static final int PUBLISH_QUEUE = 4096;
    /**
     * Queued after the last event when the operator closes: the publisher stops once it has published everything
     * before it, at once (a timed poll would hold up the job's end by up to its timeout).
     */
    private static final Object END_OF_EVENTS = new Object();

    private final DashboardInfo info;
    private final DashboardOptions options;
    private final String flinkRestUrl;
    private transient DashboardHub hub;
    private transient DashboardServer server;
    /** {@link DashboardEvent}s, then {@link #END_OF_EVENTS}. */
    private transient ArrayBlockingQueue<Object> toPublish;
    private transient Thread publisher;

    /**
     * @param info         what {@code /api/info} starts with
     * @param options      address and token
     * @param flinkRestUrl Flink's REST address for backpressure, or null when unknown
     */
    public DashboardOperator(DashboardInfo info, DashboardOptions options, String flinkRestUrl) {
        this.info = Objects.requireNonNull(info, "info");
        this.options = Objects.requireNonNull(options, "options");
        this.flinkRestUrl = flinkRestUrl;
    }

    /**
     * Ends {@code events} in a dashboard: one operator with parallelism 1, chained to its input when that runs with
     * parallelism 1 too.
     */
    public static void attach(DataStream<DashboardEvent> events, DashboardInfo info, DashboardOptions options,
            String flinkRestUrl) {
        events.transform("dashboard", Types.VOID, new DashboardOperator(info, options, flinkRestUrl))
                .setParallelism(1).setMaxParallelism(1).uid("dashboard").name("dashboard");
    }

    @Override
    public void open() throws Exception {
        super.open();
        hub = new DashboardHub(info, System::nanoTime);
        BackpressureProbe probe = flinkRestUrl == null ? null
                : new BackpressureProbe(flinkRestUrl, getRuntimeContext().getJobInfo().getJobId().toHexString(),
                        getContainingTask().getEnvironment().getTaskManagerInfo().getConfiguration());
        server = DashboardServer.start(hub, options, probe);
        toPublish = new ArrayBlockingQueue<>(PUBLISH_QUEUE);
        publisher = new Thread(this::publish, "neurostream-dashboard-publisher");
        publisher.setDaemon(true);
        publisher.start();
        // Printed (not only logged) so that whoever started the job sees where to look.
        System.err.println("neurostream dashboard: " + server.url());
    }

    @Override
    public void processElement(StreamRecord<DashboardEvent> element) {
        enqueue(element.getValue());
    }

    private void enqueue(Object eventOrEnd) {
        while (!toPublish.offer(eventOrEnd)) {
            toPublish.poll(); // the publisher is far behind: the oldest waiting event goes
        }
    }

    /** The publisher thread: hands each event to the hub until the operator closes and the queue is empty. */
    private void publish() {
        try {
            while (true) {
                Object next = toPublish.take();
                if (next == END_OF_EVENTS) {
                    return;
                }
                DashboardEvent event = (DashboardEvent) next;
                try {
                    hub.publish(event);
                } catch (RuntimeException e) {
                    LOG.warn("The dashboard could not publish {}; the page misses it.", event.getClass()
                            .getSimpleName(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        if (hub != null) {
            hub.checkpointCompleted();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (publisher != null) {
                enqueue(END_OF_EVENTS); // what the job sent last (a recording's end) still reaches the clients
                publisher.join(2000);
                publisher.interrupt();
            }
            if (server != null) {
                server.close();
            }
        } finally {
            super.close();
        }
    }
}
