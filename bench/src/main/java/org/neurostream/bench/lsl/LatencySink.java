package org.neurostream.bench.lsl;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.neurostream.streams.lsl.Lsl;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;

/**
 * The measuring end of the Flink path: on arrival of each chunk it reads the LSL clock once and writes, for every
 * sample, the counter (channel 0) and {@code now - timestamp} in seconds to a file (int + double, big-endian). The
 * file is flushed at every 1000th sample and at the last expected one.
 */
final class LatencySink implements Sink<StreamData> {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final long lastCounter;

    LatencySink(Path file, long lastCounter) {
        this.file = file.toString();
        this.lastCounter = lastCounter;
    }

    @Override
    public SinkWriter<StreamData> createWriter(WriterInitContext context) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(Path.of(file)),
                1 << 16));
        return new SinkWriter<>() {
            private boolean connected;

            @Override
            public void write(StreamData element, Context context) throws IOException {
                if (!(element instanceof SampleChunk chunk)) {
                    return;
                }
                double now = Lsl.localClock();
                boolean flush = false;
                if (!connected) {
                    // one warm-up record tells the driver that the Flink path is receiving
                    connected = true;
                    out.writeInt(-1);
                    out.writeDouble(0);
                    flush = true;
                }
                for (int s = 0; s < chunk.sampleCount(); s++) {
                    long counter = (long) chunk.value(0, s);
                    if (counter < 0) {
                        continue;
                    }
                    out.writeInt((int) counter);
                    out.writeDouble(now - chunk.timestampSeconds(s));
                    flush |= counter % 1000 == 0 || counter >= lastCounter;
                }
                if (flush) {
                    out.flush();
                }
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                out.flush();
            }

            @Override
            public void close() {
                try {
                    out.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
