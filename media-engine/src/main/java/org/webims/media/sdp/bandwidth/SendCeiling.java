package org.webims.media.sdp.bandwidth;

import org.webims.media.sdp.Bandwidth;
import org.webims.media.sdp.MediaDescription;

/**
 * The most a far end wants to receive on an m-line, as a media rate for our encoder or for the
 * source we relay (RFC 8866 §5.8: b=AS is the receiver's maximum; RFC 3890: b=TIAS the same without
 * IP/UDP/RTP headers, preferred when both are there). Media-level lines here: a session-level
 * b=AS is the sum over every medium, which {@link SessionShare} shares out.
 */
public final class SendCeiling {

    /** No b=AS or b=TIAS on the m-line: nothing bounds what we send. */
    public static final long NONE = -1;
    /** RFC 4867 §4.4.1 octet-aligned AMR-WB: the CMR byte and one ToC byte per one-frame packet. */
    public static final int AMR_WB_OCTET_ALIGNED_HEADER_BITS = 16;
    /** RFC 4867 §4.3 bandwidth-efficient: 4 bits of CMR and 6 of ToC. */
    public static final int AMR_WB_BANDWIDTH_EFFICIENT_HEADER_BITS = 10;

    private SendCeiling() {
    }

    /**
     * Bits per second of payload we may send on {@code remote}, {@link #NONE} without a line, 0 for
     * b=AS:0 or b=TIAS:0 (the far end takes no media on it). From b=AS, audio loses the headers
     * (and {@code payloadHeaderBits} of the payload format) of one packet per ptime (20 ms without
     * a=ptime), video those of the packet rate such a stream has; video then keeps
     * {@value #VIDEO_HEADROOM_PERCENT} % headroom.
     */
    public static long bitsPerSecond(MediaDescription remote, boolean ipv6, int payloadHeaderBits) {
        boolean video = "video".equals(remote.media());
        var tias = remote.bandwidth(Bandwidth.TIAS);
        if (tias.isPresent()) {
            return video ? withVideoHeadroom(tias.getAsLong()) : tias.getAsLong();
        }
        var as = remote.bandwidth(Bandwidth.AS);
        if (as.isEmpty()) {
            return NONE;
        }
        long bps = as.getAsLong() * 1000;
        if (bps == 0) {
            return 0;
        }
        if (video) {
            return withVideoHeadroom(ReceiveBandwidth.videoTias(bps, ipv6, videoPackets(remote, bps)));
        }
        int ptime = Math.max(1, remote.ptime().orElse(ReceiveBandwidth.DEFAULT_PTIME_MS));
        long headers = (PacketOverhead.bytes(ipv6) * 8L + payloadHeaderBits) * 1000 / ptime;
        return Math.max(1, bps - headers);
    }

    /**
     * The packets a second of the far end's video line: its a=maxprate (RFC 3890 §6.4, the most the
     * stream carries) where it gives one, else what such a stream has at {@code wireBps}.
     */
    static double videoPackets(MediaDescription remote, long wireBps) {
        var maxprate = remote.maxprate();
        return maxprate.isPresent() ? maxprate.getAsDouble() : ReceiveBandwidth.videoPacketsPerSecond(wireBps);
    }

    /** Bits/s of media a video ceiling of {@code bps} becomes: {@value #VIDEO_HEADROOM_PERCENT} % under it. */
    static long videoMediaCeiling(long bps) {
        return withVideoHeadroom(bps);
    }

    /**
     * A video encoder's rate control runs over its target by some percent for seconds (our dropper
     * bounds T seconds by target x (T + 0.5 s) plus a frame, decisions 0073 and 0077), so a video
     * ceiling aims {@value #VIDEO_HEADROOM_PERCENT} % under the far end's maximum.
     */
    static final int VIDEO_HEADROOM_PERCENT = 10;

    private static long withVideoHeadroom(long bps) {
        return bps == 0 ? 0 : Math.max(1, bps * (100 - VIDEO_HEADROOM_PERCENT) / 100);
    }

    /**
     * {@code far} (as {@link #bitsPerSecond} gives it) under our own bound of {@code ownKbps} kbit/s
     * (0: none, Kurento's maxVideoSendBandwidth): the lower, {@link #NONE} when neither bounds, 0
     * when the far end takes nothing.
     */
    public static long under(long far, int ownKbps) {
        long ours = ownKbps > 0 ? ownKbps * 1000L : NONE;
        if (far == 0) {
            return 0;
        }
        return far < 0 ? ours : ours < 0 ? far : Math.min(far, ours);
    }

    /** The first m-line of {@code media} that is not rejected, where a send ceiling would be read. */
    public static java.util.Optional<MediaDescription> firstActive(java.util.List<MediaDescription> lines,
            String media) {
        return lines.stream().filter(m -> m.media().equals(media) && !m.isRejected()).findFirst();
    }
}
