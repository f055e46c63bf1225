package org.neurostream.streams.lsl;

/**
 * The native liblsl could not be found or loaded. The message lists where it was looked for and how to install it.
 */
public final class LslLibraryNotFoundException extends LslException {
    private static final long serialVersionUID = 1L;

    public LslLibraryNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
