package org.webims.media.sdp.negotiation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.webims.media.sdp.Direction;
import org.webims.media.sdp.ExtMap;

/**
 * The outcome of offer/answer for one m-line, from our side: what to send and with which
 * payload type and parameters, what may arrive (every accepted payload type, for demultiplexing),
 * the telephone-event payload type, our direction, where the remote receives RTP and RTCP, and
 * the SDES keys. A rejected m-line carries only its {@link Rejection}.
 *
 * @param sendCodec     the first codec of the answer, with the remote's receive parameters
 * @param receiveCodecs every accepted payload type (companions such as rtx and CN included) with ours
 * @param remotePtime   the ptime the remote asked for, if any
 */
public record NegotiatedMedia(int index, String media, Optional<String> mid, Optional<Rejection> rejection,
        Direction direction, Optional<NegotiatedCodec> sendCodec, List<NegotiatedCodec> receiveCodecs,
        OptionalInt telephoneEvent, String remoteAddress, int remotePort, int remoteRtcpPort, boolean rtcpMux,
        boolean rtcpReducedSize, Optional<NegotiatedCrypto> crypto, OptionalInt remotePtime, List<ExtMap> extensions) {

    public NegotiatedMedia {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(direction, "direction");
        receiveCodecs = List.copyOf(receiveCodecs);
        extensions = List.copyOf(extensions);
    }

    static NegotiatedMedia rejected(int index, String media, Optional<String> mid, Rejection rejection) {
        return new NegotiatedMedia(index, media, mid, Optional.of(rejection), Direction.INACTIVE, Optional.empty(),
                List.of(), OptionalInt.empty(), null, 0, 0, false, false, Optional.empty(), OptionalInt.empty(),
                List.of());
    }

    public boolean accepted() {
        return rejection.isEmpty();
    }

    /** The codec we receive with the send codec's payload type, our parameters (the primary one). */
    public Optional<NegotiatedCodec> receiveCodec() {
        return sendCodec.flatMap(s -> receiveCodecs.stream().filter(c -> c.payloadType() == s.payloadType())
                .findFirst());
    }

    /**
     * The rtx payload type (RFC 4588 §8.1) whose apt is the send codec's: the one our
     * retransmissions of what we send carry; -1 when none was agreed.
     */
    public int rtxPayloadType() {
        if (sendCodec.isEmpty()) {
            return -1;
        }
        String apt = Integer.toString(sendCodec.get().payloadType());
        return receiveCodecs.stream().filter(c -> c.is("rtx") && apt.equals(c.parameter("apt")))
                .mapToInt(NegotiatedCodec::payloadType).findFirst().orElse(-1);
    }

    public Optional<NegotiatedCodec> receiveCodec(int payloadType) {
        return receiveCodecs.stream().filter(c -> c.payloadType() == payloadType).findFirst();
    }
}
