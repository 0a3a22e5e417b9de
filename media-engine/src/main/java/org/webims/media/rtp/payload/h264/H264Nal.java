package org.webims.media.rtp.payload.h264;

/** H.264 NAL unit types (ITU-T H.264 Table 7-1) and the RFC 6184 §5.2 packet types. */
public final class H264Nal {

    public static final int SLICE = 1;
    public static final int IDR = 5;
    public static final int SEI = 6;
    public static final int SPS = 7;
    public static final int PPS = 8;
    public static final int AUD = 9;
    public static final int STAP_A = 24;
    public static final int STAP_B = 25;
    public static final int MTAP16 = 26;
    public static final int MTAP24 = 27;
    public static final int FU_A = 28;
    public static final int FU_B = 29;

    private H264Nal() {
    }

    public static int type(int headerByte) {
        return headerByte & 0x1F;
    }

    /** The 2-bit nal_ref_idc. */
    public static int nri(int headerByte) {
        return (headerByte >>> 5) & 0x03;
    }
}
