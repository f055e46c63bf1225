package org.neurostream.deploy.dashboard;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connected {@code /events} client: a bounded queue of ready-to-send server-sent-event messages (UTF-8 bytes,
 * shared by every client and never changed after they are queued). The publisher only offers; when a slow client's queue is full the oldest message is dropped so the newest wins, and the job never
 * waits for a browser. The client's HTTP thread takes and writes.
 */
final class SseClient {
    /** Messages queued per client: about 10 s of traffic for a 64-channel stream. */
    static final int QUEUE_CAPACITY = 256;

    private final ArrayBlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();

    /** Queues a message, dropping the oldest one when the queue is full. */
    void offer(byte[] message) {
        while (!queue.offer(message)) {
            if (queue.poll() != null) {
                dropped.incrementAndGet();
            }
        }
    }

    /** The next message, or null after {@code timeoutMillis}. */
    byte[] take(long timeoutMillis) throws InterruptedException {
        return queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Messages dropped because this client read too slowly. */
    long dropped() {
        return dropped.get();
    }
}
