package org.webims.media.srtp;

/** What became of one packet given to protect or unprotect. Anything but {@link #OK} is dropped and counted. */
public enum SrtpResult {
    /** Protected or unprotected in place; the length changed by the profile's overhead. */
    OK,
    /** Shorter than a header plus the SRTP/SRTCP trailer. */
    TOO_SHORT,
    /** Not RTP/RTCP version 2, or a header (CSRCs, extension) running past the packet. */
    MALFORMED,
    /** Protect: the array has no room after the packet for the trailer. */
    NO_ROOM,
    /** A new SSRC while the session already holds its configured number of SSRC contexts. */
    SSRC_LIMIT,
    /** An index already seen or older than the replay window (RFC 3711 §3.3.2). */
    REPLAYED,
    /** The authentication tag does not match (RFC 3711 §3.3 step 5, RFC 7714 §10). */
    AUTH_FAILED,
    /** The master key's packet budget is used up (RFC 3711 §9.2): re-key. */
    KEY_EXHAUSTED
}
