package org.webims.media.rtp;

/** Why bytes are not a valid RTP packet (RFC 3550 §5.1, A.1; RFC 8285 for extensions). */
public enum RtpFault {
    /** Fewer than the 12 bytes of the fixed header, or a bad offset/length. */
    TOO_SHORT,
    /** Version field is not 2. */
    BAD_VERSION,
    /** Padding bit set but the padding count is 0 or runs into the header. */
    BAD_PADDING,
    /** Header extension runs past the packet, or an RFC 8285 element runs past the extension. */
    BAD_EXTENSION,
    /** The CSRC list (CC field) runs past the packet. */
    CSRC_OVERRUN
}
