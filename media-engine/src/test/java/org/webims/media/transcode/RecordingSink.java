package org.webims.media.transcode;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.SinkPad;

/** A test element keeping a copy of every packet reaching it, with its RTP fields. */
final class RecordingSink extends MediaElement {

    record Packet(MediaFormat format, byte[] payload, long timestamp, int seq, boolean marker,
                  boolean keyframe, int ssrc) { }

    final List<Packet> received = new CopyOnWriteArrayList<>();

    RecordingSink(MediaPipeline pipeline, MediaFormat accepted) {
        super(pipeline, "RecordingSink");
        SinkPad pad = addSinkPad(accepted.type(), p -> received.add(new Packet(p.format(),
                java.util.Arrays.copyOfRange(p.buffer(), p.offset(), p.offset() + p.length()),
                p.timestamp(), p.sequenceNumber(), p.marker(), p.keyframe(), p.ssrc())));
        pad.setAcceptedFormats(List.of(accepted));
    }

    SinkPad pad(MediaType type) {
        return sinkPad(type);
    }
}
