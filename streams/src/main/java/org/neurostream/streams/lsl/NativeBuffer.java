package org.neurostream.streams.lsl;

import com.sun.jna.Memory;

/** A reusable native buffer that grows (doubling) to the largest size asked for. Not thread-safe. */
final class NativeBuffer {
    private Memory memory;

    /** The buffer, at least {@code bytes} long. */
    Memory ensure(long bytes) {
        if (memory == null || memory.size() < bytes) {
            long size = Math.max(bytes, memory == null ? 64 : memory.size() * 2);
            memory = new Memory(size);
        }
        return memory;
    }

    /** The current buffer (call {@link #ensure} first). */
    Memory memory() {
        return memory;
    }
}
