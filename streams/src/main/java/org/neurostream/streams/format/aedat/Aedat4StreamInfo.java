package org.neurostream.streams.format.aedat;

/**
 * One stream of an AEDAT4 file as its header's XML info node describes it.
 *
 * @param streamId the id packets of this stream carry
 * @param typeIdentifier the FlatBuffer type of its packets: {@code EVTS} (polarity events), {@code FRME}, {@code IMUS},
 *                       {@code TRIG}
 * @param name the recorder's output name (e.g. {@code events})
 * @param width sensor width in pixels ({@code sizeX}), 0 when the stream has no image geometry
 * @param height sensor height in pixels ({@code sizeY}), 0 when the stream has no image geometry
 * @param source the camera, e.g. {@code DVXplorer_DXB00010}; empty when not stated
 */
public record Aedat4StreamInfo(int streamId, String typeIdentifier, String name, int width, int height,
                               String source) {

    /** True for a stream of polarity events ({@code EVTS}). */
    public boolean isEvents() {
        return "EVTS".equals(typeIdentifier);
    }
}
