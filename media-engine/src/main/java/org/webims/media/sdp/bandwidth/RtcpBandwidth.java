package org.webims.media.sdp.bandwidth;

import java.util.List;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.SessionDescription;

/**
 * The RTCP bandwidth a far end states (RFC 3556 §2: b=RS for active senders, b=RR for the other
 * participants, bit/s; the media level's, else the session level's), as it bears on the RTCP we
 * send it: both 0 is "no RTCP", and with both stated they are the session's RTCP bandwidth in
 * RFC 3550 §6.2's interval.
 *
 * @param senderBps   b=RS, {@link #UNSTATED} without one
 * @param receiverBps b=RR, {@link #UNSTATED} without one
 */
public record RtcpBandwidth(long senderBps, long receiverBps) {

    public static final long UNSTATED = -1;
    public static final RtcpBandwidth NONE_STATED = new RtcpBandwidth(UNSTATED, UNSTATED);
    /** Two participants in a point-to-point session, RFC 3550 §6.3's members. */
    private static final int MEMBERS = 2;

    /** The far end's lines for {@code m}: its own, else the session's. */
    public static RtcpBandwidth of(SessionDescription session, MediaDescription m) {
        return new RtcpBandwidth(stated(session, m, "RS"), stated(session, m, "RR"));
    }

    /**
     * The far end's lines for m-lines bundled on one transport (RFC 8843: one RTP session, so one
     * RTCP bandwidth): the m-lines' own added up; where one has none, the session's line, which is
     * the whole session's (RFC 8866 §5.8), not each m-line's; {@link #NONE_STATED} for no m-line.
     */
    public static RtcpBandwidth of(SessionDescription session, List<MediaDescription> bundled) {
        if (bundled.isEmpty()) {
            return NONE_STATED;
        }
        return new RtcpBandwidth(bundleTotal(session, bundled, "RS"), bundleTotal(session, bundled, "RR"));
    }

    private static long bundleTotal(SessionDescription session, List<MediaDescription> bundled, String type) {
        long sum = 0;
        for (MediaDescription m : bundled) {
            var value = m.bandwidth(type);
            if (value.isEmpty()) {
                return session == null ? UNSTATED : session.bandwidth(type).orElse(UNSTATED);
            }
            sum += value.getAsLong();
        }
        return sum;
    }

    private static long stated(SessionDescription session, MediaDescription m, String type) {
        var value = m.bandwidth(type);
        if (value.isEmpty() && session != null) {
            value = session.bandwidth(type);
        }
        return value.orElse(UNSTATED);
    }

    /**
     * RFC 3550 §6.3.3: the average compound packet we send, smoothed by 1/16, after one more of
     * {@code rtcpBytes} (IP and UDP headers added), in bits; {@code average} 0 before the first.
     */
    public static double averagePacketBits(double average, int rtcpBytes, boolean ipv6) {
        double bits = (rtcpBytes + PacketOverhead.lowerLayerBytes(ipv6)) * 8.0;
        return average == 0 ? bits : bits / 16 + average * 15 / 16;
    }

    /** RFC 3556 §2: b=RS:0 and b=RR:0 together turn RTCP off; we send that peer no reports. */
    public boolean off() {
        return senderBps == 0 && receiverBps == 0;
    }

    /**
     * RFC 3550 §6.3.1 (A.7) for two members: with at least one of them sending, more than a quarter
     * of the members are senders, so the interval is members x the average compound packet's size
     * over the whole RTCP bandwidth, RS + RR. 0 when RS and RR are not both stated or turn RTCP off.
     */
    public long intervalNanos(double averagePacketBits) {
        long total = senderBps + receiverBps;
        if (senderBps < 0 || receiverBps < 0 || total <= 0) {
            return 0;
        }
        return (long) (MEMBERS * averagePacketBits / total * 1e9);
    }
}
