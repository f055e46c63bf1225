package org.neurostream.bci.pipeline;

import java.io.IOException;

/** A saved pipeline that cannot be read: names the file, the JSON path and what is wrong. */
public final class PipelineFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public PipelineFormatException(String file, String jsonPath, String problem) {
        super(file + ": " + (jsonPath.isEmpty() ? "" : "at '" + jsonPath + "': ") + problem);
    }
}
