package org.neurostream.streams.lsl;

/**
 * A failure reported by liblsl ({@code lsl_internal_error}) or by the binding itself. Subclasses name the
 * conditions a caller can act on: {@link LslTimeoutException}, {@link LslLostException} and
 * {@link LslLibraryNotFoundException}. Invalid arguments are reported as {@link IllegalArgumentException}.
 */
public class LslException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LslException(String message) {
        super(message);
    }

    public LslException(String message, Throwable cause) {
        super(message, cause);
    }
}
