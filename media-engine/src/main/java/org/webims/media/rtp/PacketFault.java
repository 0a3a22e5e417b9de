package org.webims.media.rtp;

/** Faults counted by payload depacketizers/packetizers and the jitter buffer (the caller drops). */
public enum PacketFault {
    /** Payload shorter than its format's header. */
    TOO_SHORT,
    /** Payload header or structure inconsistent with its format. */
    MALFORMED,
    /** Valid for the format, but a variant this implementation does not handle (e.g. STAP-B). */
    UNSUPPORTED,
    /** AMR-WB frame type outside the negotiated mode-set. */
    MODE_NOT_ALLOWED,
    /** Packets missing in the sequence (counted per missing packet). */
    LOSS,
    /** Packet older than one already processed. */
    OUT_OF_ORDER,
    /** A frame or access unit lost a part and was dropped. */
    INCOMPLETE_FRAME,
    /** A frame or packet larger than the configured buffer or MTU. */
    FRAME_TOO_LARGE,
    /** The same packet twice. */
    DUPLICATE,
    /** Packet arrived after its play-out slot had passed. */
    LATE,
    /** Buffered packet pushed out because the buffer window was full. */
    OVERFLOW,
    /** State thrown away because of an SSRC change or a large sequence jump. */
    RESET;

    static final PacketFault[] VALUES = values();
}
