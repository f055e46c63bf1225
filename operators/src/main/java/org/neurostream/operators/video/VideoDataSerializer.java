package org.neurostream.operators.video;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.neurostream.streams.flink.typeinfo.RecordSerializer;
import org.neurostream.video.frame.Frame;
import org.neurostream.video.frame.VideoData;
import org.neurostream.video.frame.VideoStreamError;

/**
 * Flink serializer for {@link VideoData} (frames and stream errors), so frames never fall back to Kryo.
 *
 * <p>Format (version 1, big-endian): a tag byte (0 frame, 1 error); a frame writes stream key (UTF), long index,
 * double presentation time [s], int width, height, channels, then the planar floats in bulk; an error writes stream
 * key, long frame index and message (UTF). Values are immutable, so copies are the instance itself. Not thread-safe
 * (a reused conversion buffer): Flink gives each thread its own {@link #duplicate()}.
 */
public final class VideoDataSerializer extends RecordSerializer<VideoData> {
    private static final long serialVersionUID = 1L;
    private static final byte TAG_FRAME = 0;
    private static final byte TAG_ERROR = 1;
    private static final int SCRATCH_FLOATS = 16384;
    /** Guards allocation against corrupt bytes: 8K × 8K × 3 floats. */
    private static final long MAX_PIXELS = 8192L * 8192L * 3L;

    private transient byte[] scratch;

    @Override
    public TypeSerializer<VideoData> duplicate() {
        return new VideoDataSerializer();
    }

    @Override
    public VideoData createInstance() {
        return new VideoStreamError("", 0, "");
    }

    @Override
    public void serialize(VideoData record, DataOutputView out) throws IOException {
        if (record instanceof Frame f) {
            out.writeByte(TAG_FRAME);
            out.writeUTF(f.streamKey());
            out.writeLong(f.frameIndex());
            out.writeDouble(f.presentationTimeSeconds());
            out.writeInt(f.width());
            out.writeInt(f.height());
            out.writeInt(f.channels());
            byte[] buf = scratch();
            ByteBuffer view = ByteBuffer.wrap(buf);
            int n = f.size();
            for (int done = 0; done < n; ) {
                int chunk = Math.min(SCRATCH_FLOATS, n - done);
                view.clear();
                for (int i = 0; i < chunk; i++) {
                    view.putFloat(f.pixel(done + i));
                }
                out.write(buf, 0, chunk * Float.BYTES);
                done += chunk;
            }
        } else {
            VideoStreamError e = (VideoStreamError) record;
            out.writeByte(TAG_ERROR);
            out.writeUTF(e.streamKey());
            out.writeLong(e.frameIndex());
            out.writeUTF(e.message());
        }
    }

    @Override
    public VideoData deserialize(DataInputView in) throws IOException {
        byte tag = in.readByte();
        if (tag == TAG_ERROR) {
            return new VideoStreamError(in.readUTF(), in.readLong(), in.readUTF());
        }
        if (tag != TAG_FRAME) {
            throw new IOException("Corrupt serialized video record: tag " + tag + "; expected 0 (frame) or 1 (error).");
        }
        String key = in.readUTF();
        long index = in.readLong();
        double time = in.readDouble();
        int width = in.readInt();
        int height = in.readInt();
        int channels = in.readInt();
        long n = (long) width * height * channels;
        if (width <= 0 || height <= 0 || channels <= 0 || n > MAX_PIXELS) {
            throw new IOException("Corrupt serialized frame of " + key + ": shape " + width + "x" + height + "x"
                    + channels + ".");
        }
        float[] pixels = new float[(int) n];
        byte[] buf = scratch();
        ByteBuffer view = ByteBuffer.wrap(buf);
        for (int done = 0; done < n; ) {
            int chunk = (int) Math.min(SCRATCH_FLOATS, n - done);
            in.readFully(buf, 0, chunk * Float.BYTES);
            view.clear();
            view.asFloatBuffer().get(pixels, done, chunk);
            done += chunk;
        }
        try {
            return Frame.wrap(key, index, time, width, height, channels, pixels);
        } catch (IllegalArgumentException e) {
            throw new IOException("Corrupt serialized frame of " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public TypeSerializerSnapshot<VideoData> snapshotConfiguration() {
        return new Snapshot();
    }

    private byte[] scratch() {
        if (scratch == null) {
            scratch = new byte[SCRATCH_FLOATS * Float.BYTES];
        }
        return scratch;
    }

    /** Snapshot of the (configuration-free) serializer; format changes will bump its version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<VideoData> {
        public Snapshot() {
            super(VideoDataSerializer::new);
        }
    }
}
