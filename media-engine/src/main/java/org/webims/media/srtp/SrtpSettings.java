package org.webims.media.srtp;

/**
 * Limits of one SRTP sender or receiver.
 *
 * @param maxSsrcs         SSRC contexts a session keeps; packets of further SSRCs are dropped
 *                         ({@link SrtpResult#SSRC_LIMIT})
 * @param replayWindowSize packets the replay window spans (RFC 3711 §3.3.2 requires at least 64)
 */
public record SrtpSettings(int maxSsrcs, int replayWindowSize) {

    /** 64 SSRCs (a bundle with simulcast and RTX needs a few dozen), the RFC's 64-packet window. */
    public static final SrtpSettings DEFAULTS = new SrtpSettings(64, 64);

    /** Half the sequence space: a larger window would make the ROC estimate ambiguous. */
    public static final int MAX_REPLAY_WINDOW = 32768;

    public SrtpSettings {
        if (maxSsrcs < 1 || maxSsrcs > 65536) {
            throw new IllegalArgumentException("maxSsrcs must be in 1..65536: " + maxSsrcs);
        }
        if (replayWindowSize < 64 || replayWindowSize > MAX_REPLAY_WINDOW) {
            throw new IllegalArgumentException("replayWindowSize must be in 64.." + MAX_REPLAY_WINDOW
                    + " (RFC 3711 §3.3.2): " + replayWindowSize);
        }
    }
}
