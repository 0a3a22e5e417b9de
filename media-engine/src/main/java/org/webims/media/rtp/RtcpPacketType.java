package org.webims.media.rtp;

/** RTCP packet types and feedback message types (FMT). */
public final class RtcpPacketType {

    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int APP = 204;
    /** Transport layer feedback, RFC 4585 §6.2. */
    public static final int RTPFB = 205;
    /** Payload-specific feedback, RFC 4585 §6.3. */
    public static final int PSFB = 206;
    public static final int XR = 207;

    /** RTPFB FMT: generic NACK, RFC 4585 §6.2.1. */
    public static final int FMT_NACK = 1;
    /** RTPFB FMT: TMMBR, RFC 5104 §4.2.1. */
    public static final int FMT_TMMBR = 3;
    /** RTPFB FMT: TMMBN, RFC 5104 §4.2.2. */
    public static final int FMT_TMMBN = 4;
    /** RTPFB FMT: transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01). */
    public static final int FMT_TRANSPORT_CC = 15;
    /** PSFB FMT: picture loss indication, RFC 4585 §6.3.1. */
    public static final int FMT_PLI = 1;
    /** PSFB FMT: full intra request, RFC 5104 §4.3.1. */
    public static final int FMT_FIR = 4;
    /** PSFB FMT: application layer feedback (REMB, draft-alvestrand-rmcat-remb). */
    public static final int FMT_AFB = 15;

    /** SDES item type CNAME, RFC 3550 §6.5.1. */
    public static final int SDES_CNAME = 1;

    private RtcpPacketType() {
    }
}
