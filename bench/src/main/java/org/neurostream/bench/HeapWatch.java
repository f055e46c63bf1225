package org.neurostream.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap a piece of work needs, measured in this JVM while it runs: the peak of the heap in use after each garbage
 * collection (the live data, which does not depend on how large the young generation is allowed to grow) and the peak
 * of the heap in use sampled every millisecond (live data plus garbage not yet collected). Collects the garbage before
 * it starts, so that the previous work's leftovers do not count.
 *
 * <p>Use: {@code try (HeapWatch w = HeapWatch.start()) { work(); peak = w.peakLiveBytes(); }}.
 */
public final class HeapWatch implements AutoCloseable {
    private final AtomicLong peakLive = new AtomicLong();
    private final AtomicLong peakUsed = new AtomicLong();
    private final NotificationListener listener;
    private final Thread sampler;
    private volatile boolean running = true;

    private HeapWatch() {
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                long after = 0;
                for (Map.Entry<String, MemoryUsage> pool : GarbageCollectionNotificationInfo
                        .from((CompositeData) notification.getUserData()).getGcInfo().getMemoryUsageAfterGc()
                        .entrySet()) {
                    after += heapPools.contains(pool.getKey()) ? pool.getValue().getUsed() : 0;
                }
                peakLive.accumulateAndGet(after, Math::max);
            }
        };
        sampler = new Thread(() -> {
            while (running) {
                peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                        Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-watch");
        sampler.setDaemon(true);
    }

    /** Collects the garbage, then watches the heap until {@link #close()}. */
    public static HeapWatch start() {
        System.gc();
        HeapWatch watch = new HeapWatch();
        long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        watch.peakLive.set(now);
        watch.peakUsed.set(now);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(watch.listener, null, null);
        }
        watch.sampler.start();
        return watch;
    }

    /** The most heap in use after a garbage collection so far, bytes. */
    public long peakLiveBytes() {
        return peakLive.get();
    }

    /** The most heap in use sampled so far (live data and uncollected garbage), bytes. */
    public long peakUsedBytes() {
        return peakUsed.get();
    }

    @Override
    public void close() throws Exception {
        running = false;
        sampler.interrupt();
        sampler.join();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).removeNotificationListener(listener);
        }
    }
}
