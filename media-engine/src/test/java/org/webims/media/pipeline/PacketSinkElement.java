package org.webims.media.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test element that keeps a copy of every packet reaching its sink pads. */
public final class PacketSinkElement extends MediaElement {

    /** A copy of one packet: its payload, the producer's buffer (identity only) and RTP fields. */
    public record Received(MediaFormat format, byte[] payload, byte[] buffer, long timestamp,
                           int sequenceNumber, boolean marker, boolean keyframe, int ssrc) { }

    public final List<Received> received = new CopyOnWriteArrayList<>();

    public PacketSinkElement(MediaPipeline pipeline, List<MediaFormat> accepted) {
        super(pipeline, "PacketSink");
        for (MediaType type : MediaType.values()) {
            SinkPad pad = addSinkPad(type, p -> received.add(new Received(p.format(),
                    java.util.Arrays.copyOfRange(p.buffer(), p.offset(), p.offset() + p.length()),
                    p.buffer(), p.timestamp(), p.sequenceNumber(), p.marker(), p.keyframe(), p.ssrc())));
            pad.setAcceptedFormats(accepted.stream().filter(f -> f.type() == type).toList());
        }
    }
}
