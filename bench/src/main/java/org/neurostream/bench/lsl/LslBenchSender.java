package org.neurostream.bench.lsl;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;
import org.neurostream.streams.lsl.Lsl;
import org.neurostream.streams.lsl.LslOutlet;
import org.neurostream.streams.lsl.LslStreamInfo;
import org.neurostream.streams.record.ValueFormat;

/**
 * The benchmark's sender process: a float32 outlet of {@code channels × rateHz} that pushes a chunk every millisecond
 * (as amplifier drivers do), each sample stamped with {@link Lsl#localClock()} taken just before the push, so a
 * receiver's {@code localClock() - timestamp} is the push-to-receive latency. Channel 0 carries a sample counter
 * (exact in float32 below 2^24) so receivers can count lost samples.
 *
 * <p>Protocol on stdin/stdout: prints {@code READY} once the outlet exists and pushes warm-up samples (counter −1)
 * until it reads {@code GO}; then pushes {@code rateHz × seconds} counted samples, prints {@code DONE <pushed>} and
 * exits.
 *
 * <p>Usage: {@code LslBenchSender <name> <sourceId> <channels> <rateHz> <seconds>}
 */
public final class LslBenchSender {
    private LslBenchSender() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        String sourceId = args[1];
        int channels = Integer.parseInt(args[2]);
        int rateHz = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int perTick = Math.max(1, rateHz / 1000);
        long tickNanos = 1_000_000L * perTick * 1000 / rateHz;
        long total = (long) rateHz * seconds;
        try (LslStreamInfo info = LslStreamInfo.create(name, "EEG", channels, rateHz, ValueFormat.FLOAT32, sourceId);
             LslOutlet outlet = LslOutlet.create(info, 0, 360)) {
            float[] chunk = new float[perTick * channels];
            double[] stamps = new double[perTick];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (i % channels) * 0.5f;
            }
            Thread stdin = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        if (line.trim().equals("GO")) {
                            return;
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // stdin closed: start anyway
                }
            }, "sender-stdin");
            stdin.start();
            System.out.println("READY");
            System.out.flush();
            long next = System.nanoTime();
            while (stdin.isAlive()) {
                next = tick(outlet, chunk, stamps, perTick, channels, -1, next, tickNanos);
            }
            long counter = 0;
            while (counter < total) {
                next = tick(outlet, chunk, stamps, perTick, channels, counter, next, tickNanos);
                counter += perTick;
            }
            System.out.println("DONE " + counter);
            System.out.flush();
            Thread.sleep(2000); // let receivers drain before the outlet disappears
        }
    }

    private static long tick(LslOutlet outlet, float[] chunk, double[] stamps, int perTick, int channels,
                             long counter, long due, long tickNanos) {
        long wait = due - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        for (int s = 0; s < perTick; s++) {
            chunk[s * channels] = counter < 0 ? -1 : counter + s;
        }
        double now = Lsl.localClock();
        java.util.Arrays.fill(stamps, now);
        outlet.pushChunk(chunk, perTick, stamps);
        return due + tickNanos;
    }
}
