package org.neurostream.streams.format.aedat;

/** Packet compression an AEDAT4 file declares in its IOHeader ({@code CompressionType} in the format's schema). */
public enum Aedat4Compression {
    NONE, LZ4, LZ4_HIGH, ZSTD, ZSTD_HIGH;

    /** The compression with the schema's numeric code, or null for an unknown code. */
    static Aedat4Compression ofCode(int code) {
        Aedat4Compression[] all = values();
        return code >= 0 && code < all.length ? all[code] : null;
    }
}
