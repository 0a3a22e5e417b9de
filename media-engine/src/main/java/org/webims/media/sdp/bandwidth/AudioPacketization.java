package org.webims.media.sdp.bandwidth;

import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.SessionDescription;

/**
 * How many 20 ms audio frames we put in each packet toward a far end: one, unless its a=maxprate
 * (RFC 3890 §6.4: the most packets a second it takes; at media level, else the session's total)
 * is under our 50 packets a second. Then as few frames as bring the rate under it, within its
 * a=maxptime (RFC 4566 §6: the most media a packet may carry), which wins where the two cannot
 * both hold: it bounds what the far end can decode, maxprate what its link takes.
 */
public final class AudioPacketization {

    /** Our encoders' frame: AMR-WB's (RFC 4867 §4.1), and the Opus frame size we encode. */
    public static final int FRAME_MS = 20;
    /** The format parameter that tells an encoder the ms a packet carries (SDP's a=ptime). */
    public static final String PTIME = "ptime";
    /**
     * Without a=maxptime, at most 80 ms a packet: RFC 4867 §8.1 sets no default, and 4 frames keeps
     * a lost packet's gap within what concealment bridges. A choice, not a figure from a standard.
     */
    static final int DEFAULT_MAX_PTIME_MS = 80;

    private AudioPacketization() {
    }

    /** Frames a packet on the far end's audio line {@code audio} of {@code remote} (null: no session lines). */
    public static int framesPerPacket(SessionDescription remote, MediaDescription audio) {
        var rate = audio.maxprate();
        if (rate.isEmpty() && remote != null) {
            rate = remote.maxprate();
        }
        double perSecond = 1000.0 / FRAME_MS;
        if (rate.isEmpty() || rate.getAsDouble() >= perSecond) {
            return 1;
        }
        int wanted = (int) Math.ceil(perSecond / rate.getAsDouble() - 1e-9);
        int most = Math.max(1, audio.maxptime().orElse(DEFAULT_MAX_PTIME_MS) / FRAME_MS);
        return Math.max(1, Math.min(wanted, most));
    }
}
