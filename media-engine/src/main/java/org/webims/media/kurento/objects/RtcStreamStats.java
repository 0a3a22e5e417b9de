package org.webims.media.kurento.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.webims.media.endpoint.rtp.InboundRtpStats;
import org.webims.media.endpoint.rtp.OutboundRtpStats;
import org.webims.media.pipeline.MediaType;

/**
 * Kurento's per-stream RTC statistics (kms-core {@code MediaElement.kmd}: RTCRTPStreamStats and
 * its inbound and outbound kinds) in the shape kurento-client builds its classes from. Shared by
 * the endpoint types that send or receive RTP streams.
 */
public final class RtcStreamStats {

    private RtcStreamStats() {
    }

    /**
     * One RTCOutboundRTPStreamStats, keyed {@code outboundrtp.<ssrc>}: what we sent, and what the
     * far receiver reported (loss, jitter, round trip: RFC 3550 §6.4.1) and asked (FIR, PLI,
     * NACK, REMB) about it. The jitter is ours beyond Kurento's fields (kurento-client ignores it);
     * the target bitrate is not kept (0).
     */
    public static void putOutbound(ObjectNode stats, OutboundRtpStats out, long nowMillis) {
        String ssrc = Integer.toUnsignedString(out.ssrc());
        String id = "outboundrtp." + ssrc;
        ObjectNode s = rtpStream(stats.putObject(id), id, "RTCOutboundRTPStreamStats", "outboundrtp", nowMillis, ssrc,
                out.mediaType());
        s.put("firCount", out.firCount());
        s.put("pliCount", out.pliCount());
        s.put("nackCount", out.nackCount());
        s.put("remb", out.remb());
        s.put("packetsLost", out.packetsLost());
        s.put("fractionLost", out.fractionLost());
        s.put("packetsSent", out.packetsSent());
        s.put("bytesSent", out.bytesSent());
        s.put("targetBitrate", 0.0);
        s.put("roundTripTime", out.roundTripSeconds());
        s.put("jitter", out.jitterSeconds());
    }

    /**
     * One RTCInboundRTPStreamStats, keyed {@code inboundrtp.<ssrc>}: packets and payload bytes
     * received, loss and jitter as our receiver reports state them (RFC 3550 §6.4.1), and the FIR,
     * PLI and NACK we sent for the stream; our REMB and SLI are not counted per stream (0).
     */
    public static void putInbound(ObjectNode stats, InboundRtpStats in, long nowMillis) {
        String ssrc = Integer.toUnsignedString(in.ssrc());
        String id = "inboundrtp." + ssrc;
        ObjectNode s = rtpStream(stats.putObject(id), id, "RTCInboundRTPStreamStats", "inboundrtp", nowMillis, ssrc,
                in.mediaType());
        s.put("codecId", in.codecId());
        s.put("firCount", in.firCount());
        s.put("pliCount", in.pliCount());
        s.put("nackCount", in.nackCount());
        s.put("packetsLost", in.packetsLost());
        s.put("fractionLost", in.fractionLost());
        s.put("packetsReceived", in.packetsReceived());
        s.put("bytesReceived", in.bytesReceived());
        s.put("jitter", in.jitterSeconds());
    }

    /** Kurento's RTCRTPStreamStats fields, feedback counts 0 until the caller sets what it measured. */
    public static ObjectNode rtpStream(ObjectNode s, String id, String complexType, String type, long nowMillis,
                                       String ssrc, MediaType mediaType) {
        ElementType.complexType(s, complexType);
        s.put("id", id);
        s.put("type", type);
        s.put("timestampMillis", nowMillis);
        s.put("ssrc", ssrc);
        s.put("associateStatsId", "");
        s.put("isRemote", false);
        s.put("mediaTrackId", mediaType.name());
        s.put("transportId", "bundle");
        s.put("codecId", "");
        s.put("firCount", 0);
        s.put("pliCount", 0);
        s.put("nackCount", 0);
        s.put("sliCount", 0);
        s.put("remb", 0);
        return s;
    }
}
