package org.webims.media.endpoint.rtp;

import java.util.Arrays;
import java.util.List;
import org.webims.media.endpoint.rtp.path.PayloadKind;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaType;
import org.webims.media.sdp.negotiation.NegotiatedCodec;

/**
 * What each of the 128 payload types means for one negotiated m-line: the format its packets
 * carry and its {@link PayloadKind}; for an rtx payload type (RFC 4588 §8.1) the payload type it
 * retransmits ({@code apt}); whether the peer takes generic NACKs for it (RFC 4585 §4.2, "nack"
 * both sides agreed). Immutable; a renegotiation publishes a new table, so the receive path reads
 * it with one volatile load and no lock.
 */
final class PayloadTypeTable {

    static final PayloadTypeTable EMPTY = new PayloadTypeTable(new MediaFormat[128], new PayloadKind[128], none(),
            new boolean[128]);

    private final MediaFormat[] formats;
    private final PayloadKind[] kinds;
    private final int[] associated;
    private final boolean[] nack;

    private PayloadTypeTable(MediaFormat[] formats, PayloadKind[] kinds, int[] associated, boolean[] nack) {
        this.formats = formats;
        this.kinds = kinds;
        this.associated = associated;
        this.nack = nack;
    }

    static PayloadTypeTable of(MediaType type, List<NegotiatedCodec> codecs) {
        MediaFormat[] formats = new MediaFormat[128];
        PayloadKind[] kinds = new PayloadKind[128];
        int[] associated = none();
        boolean[] nack = new boolean[128];
        for (NegotiatedCodec c : codecs) {
            if (c.is("rtx")) {
                // no format: the receive path's table look-up sends it to the rare branch that restores it
                associated[c.payloadType()] = payloadType(c.parameter("apt"));
                continue;
            }
            formats[c.payloadType()] = format(type, c);
            kinds[c.payloadType()] = PayloadKind.of(c.encodingName());
            nack[c.payloadType()] = c.rtcpFeedback().contains("nack");
        }
        return new PayloadTypeTable(formats, kinds, associated, nack);
    }

    private static int[] none() {
        int[] a = new int[128];
        Arrays.fill(a, -1);
        return a;
    }

    /** An fmtp payload type number (0..127), -1 if absent or not one: the negotiation accepted rtx only with a known apt. */
    private static int payloadType(String value) {
        try {
            int pt = value == null ? -1 : Integer.parseInt(value.trim());
            return pt >= 0 && pt < 128 ? pt : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static MediaFormat format(MediaType type, NegotiatedCodec c) {
        return MediaFormat.of(type, c.encodingName(), c.clockRate(), c.channels(), c.parameters());
    }

    /** The format of payload type {@code pt} (0..127), or null if it was not negotiated (or is rtx). */
    MediaFormat format(int pt) {
        return formats[pt];
    }

    PayloadKind kind(int pt) {
        return kinds[pt];
    }

    /** The payload type the rtx payload type {@code pt} retransmits, -1 if {@code pt} is no rtx. */
    int associated(int pt) {
        return associated[pt];
    }

    /** Whether the peer retransmits {@code pt} on our generic NACK (RFC 4585 §6.2.1). */
    boolean nack(int pt) {
        return nack[pt];
    }
}
