package org.webims.media.endpoint.rtp;

import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;

/** A test element keeping a copy of every packet reaching its sink pads (which take any format). */
final class TestSink extends MediaElement {

    record Received(MediaFormat format, byte[] payload, int seq, long timestamp, int ssrc, boolean keyframe,
            boolean marker) { }

    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    TestSink(MediaPipeline pipeline) {
        super(pipeline, "TestSink");
        for (MediaType type : MediaType.values()) {
            addSinkPad(type, p -> received.add(new Received(p.format(),
                    Arrays.copyOfRange(p.buffer(), p.offset(), p.offset() + p.length()), p.sequenceNumber(),
                    p.timestamp(), p.ssrc(), p.keyframe(), p.marker())));
        }
    }

    Received next() throws InterruptedException {
        Received r = received.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no packet reached " + this);
        }
        return r;
    }
}
