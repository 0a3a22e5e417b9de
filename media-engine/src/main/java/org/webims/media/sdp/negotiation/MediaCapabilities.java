package org.webims.media.sdp.negotiation;

import java.util.List;
import java.util.Objects;

import org.webims.media.sdp.Direction;

/**
 * What we accept for one media type: the RTP profiles, the codecs (auxiliary ones such as
 * telephone-event, CN, rtx, red and ulpfec included), the direction we want, rtcp-mux and
 * rtcp-rsize support, the RTP header extensions (by URI), the SDES crypto suites (empty: no SDES)
 * and the ptime/maxptime we declare (0: none).
 */
public record MediaCapabilities(String media, List<String> protocols, List<CodecCapability> codecs,
        Direction direction, boolean rtcpMux, boolean rtcpReducedSize, List<String> extensionUris,
        List<String> cryptoSuites, int ptime, int maxptime) {

    public MediaCapabilities {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(direction, "direction");
        protocols = List.copyOf(protocols);
        codecs = List.copyOf(codecs);
        extensionUris = List.copyOf(extensionUris);
        cryptoSuites = List.copyOf(cryptoSuites);
    }

    /** Plain RTP/AVP and RTP/AVPF, sendrecv, no rtcp-mux, no extensions, no SDES. */
    public static MediaCapabilities of(String media, List<CodecCapability> codecs) {
        return new MediaCapabilities(media, List.of("RTP/AVP", "RTP/AVPF"), codecs, Direction.SENDRECV, false, false,
                List.of(), List.of(), 0, 0);
    }

    public MediaCapabilities withProtocols(String... value) {
        return new MediaCapabilities(media, List.of(value), codecs, direction, rtcpMux, rtcpReducedSize,
                extensionUris, cryptoSuites, ptime, maxptime);
    }

    public MediaCapabilities withDirection(Direction value) {
        return new MediaCapabilities(media, protocols, codecs, value, rtcpMux, rtcpReducedSize, extensionUris,
                cryptoSuites, ptime, maxptime);
    }

    public MediaCapabilities withRtcpMux(boolean mux, boolean reducedSize) {
        return new MediaCapabilities(media, protocols, codecs, direction, mux, reducedSize, extensionUris,
                cryptoSuites, ptime, maxptime);
    }

    public MediaCapabilities withExtensions(String... uris) {
        return new MediaCapabilities(media, protocols, codecs, direction, rtcpMux, rtcpReducedSize, List.of(uris),
                cryptoSuites, ptime, maxptime);
    }

    public MediaCapabilities withCryptoSuites(String... suites) {
        return new MediaCapabilities(media, protocols, codecs, direction, rtcpMux, rtcpReducedSize, extensionUris,
                List.of(suites), ptime, maxptime);
    }

    public MediaCapabilities withPacketization(int ptimeMs, int maxptimeMs) {
        return new MediaCapabilities(media, protocols, codecs, direction, rtcpMux, rtcpReducedSize, extensionUris,
                cryptoSuites, ptimeMs, maxptimeMs);
    }
}
