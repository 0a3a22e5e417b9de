package org.webims.media.sdp.bandwidth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.webims.media.rtp.payload.amrwb.AmrWbFrameType;
import org.webims.media.sdp.Bandwidth;
import org.webims.media.sdp.Fmtp;
import org.webims.media.sdp.GenericAttribute;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.RtpMap;

/**
 * The b= lines of one of our m-lines: what we want to receive on it (RFC 8866 §5.8: b=AS is the
 * most the receiver wants; TS 26.114 §6.2.5: per media, IP/UDP/RTP overhead included), b=TIAS
 * beside a video AS (RFC 3890: the same without the headers), b=RS/b=RR (RFC 3556) as configured.
 */
public final class ReceiveBandwidth {

    /** RFC 4867 §4.1: one 20 ms frame per packet, as we send and as TS 26.114 §7.4.2 asks by default. */
    static final int DEFAULT_PTIME_MS = 20;
    /** A video packet carries at most about this much payload (our packetizers' MTU budget). */
    static final int VIDEO_PAYLOAD_BYTES = 1200;
    /** At least one packet per picture at 30 pictures a second. */
    static final int VIDEO_MIN_PACKETS_PER_SECOND = 30;

    private ReceiveBandwidth() {
    }

    /** The lines for {@code m} (none on a rejected m-line or when nothing is configured for its media). */
    public static List<Bandwidth> lines(MediaDescription m, SdpBandwidths config, boolean ipv6) {
        List<Bandwidth> out = new ArrayList<>(4);
        if (m.isRejected()) {
            return out;
        }
        long as = switch (m.media()) {
            case "audio" -> lower(config.audioFromCodecs() ? audioKbps(m, ipv6) : 0, config.maxAudioRecvKbps());
            case "video" -> config.maxVideoRecvKbps();
            default -> 0;
        };
        if (as > 0) {
            out.add(new Bandwidth(Bandwidth.AS, as));
            if ("video".equals(m.media())) {
                out.add(new Bandwidth(Bandwidth.TIAS, videoTias(as * 1000, ipv6)));
            }
        }
        rtcp(out, "RS", config.rtcpSenderBps(), as * 1000 / 80);     // RFC 3556 §2: 1.25 % of AS
        rtcp(out, "RR", config.rtcpReceiverBps(), as * 1000 * 3 / 80); // and 3.75 %
        return out;
    }

    /**
     * {@code m} with our lines in place of any b= and a=maxprate it carried: beside a video b=TIAS
     * the a=maxprate (RFC 3890 §6.4) of the packet rate that TIAS assumed, so a far end converts it
     * back to a transport rate as we did.
     */
    public static MediaDescription described(MediaDescription m, SdpBandwidths config, boolean ipv6) {
        List<Bandwidth> lines = lines(m, config, ipv6);
        if (lines.isEmpty() && m.bandwidths().isEmpty() && !m.attributes().has(MAXPRATE)) {
            return m;
        }
        MediaDescription.Builder b = m.toBuilder().clearBandwidths().removeAttributes(MAXPRATE);
        lines.forEach(b::bandwidth);
        if (lines.stream().anyMatch(l -> l.type().equals(Bandwidth.TIAS))) {
            long asBps = lines.stream().filter(l -> l.type().equals(Bandwidth.AS)).findFirst().orElseThrow().value() * 1000;
            b.attribute(GenericAttribute.of(MAXPRATE, videoPacketsPerSecond(asBps)));
        }
        return b.build();
    }

    static final String MAXPRATE = "maxprate";

    private static void rtcp(List<Bandwidth> out, String type, long configured, long share) {
        long value = configured == SdpBandwidths.RFC3556_SHARE ? share : configured;
        if (value >= 0 && (configured != SdpBandwidths.RFC3556_SHARE || share > 0)) {
            out.add(new Bandwidth(type, value));
        }
    }

    private static long lower(long a, long b) {
        return a <= 0 ? b : b <= 0 ? a : Math.min(a, b);
    }

    /**
     * kbit/s of the most demanding audio codec on {@code m} at its ptime (20 ms without a=ptime),
     * headers included, rounded up: AMR-WB at the top mode of its mode-set (RFC 4867 §8.1, all modes
     * without one) in its payload format; Opus at its maxaveragebitrate (RFC 7587 §6.1). 0 when no
     * codec on it says a rate (telephone-event, Opus without maxaveragebitrate).
     */
    public static long audioKbps(MediaDescription m, boolean ipv6) {
        int ptime = m.ptime().orElse(DEFAULT_PTIME_MS);
        long payloadBits = mostPayloadBitsPerPacket(m, ptime, 0);
        if (payloadBits == 0) {
            return 0;
        }
        long bits = ((payloadBits + 7) / 8 + PacketOverhead.bytes(ipv6)) * 8 * 1000 / ptime;
        return (bits + 999) / 1000;
    }

    /**
     * Payload bits of one {@code ptime} packet of the most demanding codec on {@code m}; an Opus
     * without maxaveragebitrate counts {@code unstatedOpusBps} (0: nothing).
     */
    static long mostPayloadBitsPerPacket(MediaDescription m, int ptime, long unstatedOpusBps) {
        long most = 0;
        for (int pt : m.payloadTypes()) {
            RtpMap map = m.rtpMap(pt).orElse(null);
            if (map == null) {
                continue;
            }
            Map<String, String> fmtp = m.fmtp(pt).map(Fmtp::parameterMap).orElse(Map.of());
            long bits = payloadBitsPerPacket(map.encodingName(), fmtp, ptime);
            if (bits == 0 && map.encodingName().equalsIgnoreCase("opus")) {
                bits = unstatedOpusBps * ptime / 1000;
            }
            most = Math.max(most, bits);
        }
        return most;
    }

    /** Payload bits of one packet of {@code ptime} ms of a codec, 0 when its rate is not known. */
    static long payloadBitsPerPacket(String encoding, Map<String, String> fmtp, int ptime) {
        if (encoding.equalsIgnoreCase("AMR-WB")) {
            int top = AmrWbFrameType.highestMode(AmrWbFrameType.modeSet(fmtp.get("mode-set")));
            int frames = Math.max(1, ptime / 20);
            if ("1".equals(fmtp.get("octet-align"))) {
                // §4.4: the CMR byte, a ToC byte per frame, each frame's speech bits padded to whole bytes
                return 8 + frames * (8 + 8L * AmrWbFrameType.octets(top));
            }
            return 4 + frames * (6L + AmrWbFrameType.bits(top));
        }
        if (encoding.equalsIgnoreCase("opus")) {
            String rate = fmtp.get("maxaveragebitrate");
            return rate != null && rate.matches("\\d{1,6}") ? Long.parseLong(rate) * ptime / 1000 : 0;
        }
        return 0;
    }

    /** RFC 3890: the rate without IP/UDP/RTP headers, at the packet rate such a video stream has. */
    static long videoTias(long asBps, boolean ipv6) {
        return videoTias(asBps, ipv6, videoPacketsPerSecond(asBps));
    }

    /** RFC 3890 §6.4: the rate without the headers of {@code packetsPerSecond} packets. */
    static long videoTias(long asBps, boolean ipv6, double packetsPerSecond) {
        return Math.max(0, asBps - (long) Math.ceil(packetsPerSecond * PacketOverhead.bytes(ipv6) * 8));
    }

    /** The packets a second of a video stream of {@code wireBps}: 1200-byte payloads, at least 30 (one a picture). */
    public static long videoPacketsPerSecond(long wireBps) {
        return Math.max(VIDEO_MIN_PACKETS_PER_SECOND, (wireBps + VIDEO_PAYLOAD_BYTES * 8 - 1) / (VIDEO_PAYLOAD_BYTES * 8));
    }
}
