package org.webims.media.transcode;

import java.util.Map;
import org.webims.media.pipeline.FormatAdapter;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPacket;
import org.webims.media.pipeline.MediaSink;
import org.webims.media.pipeline.UpstreamControl;
import org.webims.media.rtp.payload.amrwb.AmrWbPayloadFormat;
import org.webims.media.rtp.payload.amrwb.AmrWbRepacketizer;

/**
 * AMR-WB between octet-aligned and bandwidth-efficient payloads (RFC 4867 §4.3, §4.4) without
 * decoding: CMR, frame types and Q bits are kept, sequence numbers and timestamps pass through.
 * Cheap enough for the I/O thread that pushes into it; no lock, no allocation.
 */
final class AmrWbRepacketizingAdapter implements FormatAdapter {

    private final MediaFormat to;
    private final MediaSink downstream;
    private final UpstreamControl upstream;
    private final AmrWbRepacketizer repacketizer;
    private final MediaPacket out = new MediaPacket();
    private final byte[] payload = new byte[AudioTranscoder.MAX_PAYLOAD];
    private long converted;
    private long malformed;

    AmrWbRepacketizingAdapter(MediaFormat from, MediaFormat to, MediaSink downstream, UpstreamControl upstream) {
        AmrWbPayloadFormat in = AudioFormats.amrWbPayload(from);
        AmrWbPayloadFormat outFormat = AudioFormats.amrWbPayload(to);
        this.to = to;
        this.downstream = downstream;
        this.upstream = upstream;
        this.repacketizer = new AmrWbRepacketizer(in, outFormat, payload.length);
    }

    @Override
    public Kind kind() {
        return Kind.REPACKETIZE;
    }

    @Override
    public void accept(MediaPacket p) {
        int n = repacketizer.convert(p.buffer(), p.offset(), p.length(), payload, 0);
        if (n < 0) {
            malformed++;
            return;
        }
        converted++;
        downstream.accept(out.set(to, payload, 0, n, p.timestamp(), p.sequenceNumber(), p.marker())
                .ssrc(p.ssrc()).receivedNanos(p.receivedNanos()));
    }

    @Override
    public void requestKeyframe() {
        upstream.requestKeyframe();
    }

    @Override
    public void limitBitrate(long bitsPerSecond) {
        upstream.limitBitrate(bitsPerSecond);
    }

    Map<String, Long> counters() {
        return Map.of("repacketize.payloads", converted, "repacketize.malformed", malformed);
    }

    @Override
    public void close() {
        // nothing native
    }
}
