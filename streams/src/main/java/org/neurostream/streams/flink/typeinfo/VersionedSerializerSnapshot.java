package org.neurostream.streams.flink.typeinfo;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Snapshot of a neurostream record serializer whose only configuration is its binary format version.
 *
 * <p>The snapshot stores nothing but the version Flink writes around it. On restore, a snapshot of the current version
 * is compatible as is; a snapshot of an older version restores a serializer that reads the old format, and the
 * current serializer is compatible after migration (Flink reads the state with the old one and writes it with the new
 * one). Versions newer than this code knows are rejected with an {@link IOException} naming the supported range.
 *
 * @param <T> the record type
 */
public abstract class VersionedSerializerSnapshot<T> implements TypeSerializerSnapshot<T> {
    private int readVersion;

    protected VersionedSerializerSnapshot() {
        this.readVersion = -1;
    }

    /** The newest format version of the serializer, written with every new snapshot. */
    protected abstract int currentFormatVersion();

    /** A serializer that reads (and writes) format {@code version}, which is between 1 and the current version. */
    protected abstract TypeSerializer<T> serializerForVersion(int version);

    /** The version this snapshot was read with, or the current version for a freshly taken snapshot. */
    public final int formatVersion() {
        return readVersion < 0 ? currentFormatVersion() : readVersion;
    }

    @Override
    public final int getCurrentVersion() {
        return currentFormatVersion();
    }

    @Override
    public final void writeSnapshot(DataOutputView out) {
        // The version Flink writes in front of the snapshot is the whole configuration.
    }

    @Override
    public final void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
            throws IOException {
        if (readVersion < 1 || readVersion > currentFormatVersion()) {
            throw new IOException(getClass().getSimpleName() + ": unknown serializer format version " + readVersion
                    + "; this build reads versions 1 to " + currentFormatVersion() + ".");
        }
        this.readVersion = readVersion;
    }

    @Override
    public final TypeSerializer<T> restoreSerializer() {
        return serializerForVersion(formatVersion());
    }

    @Override
    public final TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
            TypeSerializerSnapshot<T> oldSerializerSnapshot) {
        if (oldSerializerSnapshot == null || oldSerializerSnapshot.getClass() != getClass()) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        int oldVersion = ((VersionedSerializerSnapshot<T>) oldSerializerSnapshot).formatVersion();
        return oldVersion == currentFormatVersion()
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
    }
}
