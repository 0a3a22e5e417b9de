package org.webims.media.rtp;

/** Why bytes are not a valid RTCP (compound) packet (RFC 3550 §6.4, A.2; RFC 4585 §6.1). */
public enum RtcpFault {
    /** Shorter than a header, or than the fixed part of its packet type. */
    TOO_SHORT,
    /** Version field is not 2. */
    BAD_VERSION,
    /** A length field runs past the bytes, or the lengths do not add up to the compound packet. */
    BAD_LENGTH,
    /** Padding count of 0 or larger than the packet. */
    BAD_PADDING,
    /** A compound packet must start with an SR or RR (RFC 3550 A.2) unless reduced-size is allowed. */
    FIRST_NOT_REPORT,
    /** A view was given a packet of another type/format. */
    WRONG_TYPE,
    /** The count field (RC, SC) does not fit the packet length. */
    BAD_COUNT,
    /** An SDES item or BYE reason runs past its packet. */
    BAD_ITEM,
    /** Feedback control information malformed for its format. */
    BAD_FCI
}
