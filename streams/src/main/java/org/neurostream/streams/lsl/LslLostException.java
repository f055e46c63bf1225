package org.neurostream.streams.lsl;

/**
 * The stream an inlet was connected to is gone and cannot be recovered ({@code lsl_lost_error}): its outlet was
 * closed and either the inlet was created without recovery or the stream has no source id to find it again by.
 */
public final class LslLostException extends LslException {
    private static final long serialVersionUID = 1L;

    public LslLostException(String message) {
        super(message);
    }
}
