package org.neurostream.streams.lsl;

/**
 * A blocking liblsl call that reports timeouts as errors ({@code lsl_timeout_error}) did not complete in time: opening
 * a stream, fetching its full info or estimating the time correction. Pulls that time out are not errors: they return
 * no samples.
 */
public final class LslTimeoutException extends LslException {
    private static final long serialVersionUID = 1L;

    public LslTimeoutException(String message) {
        super(message);
    }
}
