package org.webims.media.endpoint.rtp;

import java.util.List;
import org.webims.media.endpoint.rtp.path.PayloadKind;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaType;
import org.webims.media.sdp.negotiation.NegotiatedCodec;

/**
 * What each of the 128 payload types means for one negotiated m-line: the format its packets
 * carry and its {@link PayloadKind}. Immutable; a renegotiation publishes a new table, so the
 * receive path reads it with one volatile load and no lock.
 */
final class PayloadTypeTable {

    static final PayloadTypeTable EMPTY = new PayloadTypeTable(new MediaFormat[128], new PayloadKind[128]);

    private final MediaFormat[] formats;
    private final PayloadKind[] kinds;

    private PayloadTypeTable(MediaFormat[] formats, PayloadKind[] kinds) {
        this.formats = formats;
        this.kinds = kinds;
    }

    static PayloadTypeTable of(MediaType type, List<NegotiatedCodec> codecs) {
        MediaFormat[] formats = new MediaFormat[128];
        PayloadKind[] kinds = new PayloadKind[128];
        for (NegotiatedCodec c : codecs) {
            if (c.is("rtx")) {
                continue; // we send no NACKs, so no retransmission of ours to unwrap: one arriving is unknown
            }
            formats[c.payloadType()] = format(type, c);
            kinds[c.payloadType()] = PayloadKind.of(c.encodingName());
        }
        return new PayloadTypeTable(formats, kinds);
    }

    static MediaFormat format(MediaType type, NegotiatedCodec c) {
        return MediaFormat.of(type, c.encodingName(), c.clockRate(), c.channels(), c.parameters());
    }

    /** The format of payload type {@code pt} (0..127), or null if it was not negotiated. */
    MediaFormat format(int pt) {
        return formats[pt];
    }

    PayloadKind kind(int pt) {
        return kinds[pt];
    }
}
