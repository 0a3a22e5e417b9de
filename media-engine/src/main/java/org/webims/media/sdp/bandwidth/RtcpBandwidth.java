package org.webims.media.sdp.bandwidth;

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

    private static long stated(SessionDescription session, MediaDescription m, String type) {
        var value = m.bandwidth(type);
        if (value.isEmpty() && session != null) {
            value = session.bandwidth(type);
        }
        return value.orElse(UNSTATED);
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
