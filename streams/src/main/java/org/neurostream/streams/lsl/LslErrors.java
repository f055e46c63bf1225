package org.neurostream.streams.lsl;

/** Maps liblsl's {@code lsl_error_code_t} plus {@code lsl_last_error()} to Java exceptions, in one place. */
final class LslErrors {
    private LslErrors() {
    }

    /**
     * Throws for a non-zero error code.
     *
     * @param code    the code liblsl returned
     * @param context what was being done, for example {@code "opening stream 'EEG' (source id 'amp-1')"}
     * @throws LslTimeoutException for {@code lsl_timeout_error}
     * @throws LslLostException for {@code lsl_lost_error}
     * @throws IllegalArgumentException for {@code lsl_argument_error}
     * @throws LslException for {@code lsl_internal_error} and unknown codes
     */
    static void check(int code, String context) {
        if (code >= LslApi.NO_ERROR) {
            return;
        }
        String detail = lastError();
        String message = context + " failed: " + describe(code) + (detail.isEmpty() ? "" : " (" + detail + ")");
        switch (code) {
            case LslApi.TIMEOUT_ERROR -> throw new LslTimeoutException(message);
            case LslApi.LOST_ERROR -> throw new LslLostException(message);
            case LslApi.ARGUMENT_ERROR -> throw new IllegalArgumentException(message);
            default -> throw new LslException(message);
        }
    }

    static String describe(int code) {
        return switch (code) {
            case LslApi.TIMEOUT_ERROR -> "the operation timed out";
            case LslApi.LOST_ERROR -> "the stream has been lost";
            case LslApi.ARGUMENT_ERROR -> "an argument was incorrectly specified";
            case -4 -> "liblsl reported an internal error";
            default -> "liblsl returned error code " + code;
        };
    }

    private static String lastError() {
        String s = LslApi.lsl_last_error();
        return s == null ? "" : s.trim();
    }
}
