package org.webims.media.rtp;

/** View of an RTCP APP packet (RFC 3550 §6.7): read to be skipped or handed to an application. */
public final class RtcpApp extends RtcpView {

    @Override
    protected boolean accepts(int packetType, int count) {
        return packetType == RtcpPacketType.APP;
    }

    @Override
    protected boolean validate() {
        return contentLength >= 12 || fail(RtcpFault.TOO_SHORT);
    }

    public int subtype() {
        return count();
    }

    public int ssrc() {
        return RtcpBytes.i32(buf, off + 4);
    }

    /** The 4 ASCII characters of the name as one big-endian int. */
    public int name() {
        return RtcpBytes.i32(buf, off + 8);
    }

    public int dataOffset() {
        return off + 12;
    }

    public int dataLength() {
        return contentLength - 12;
    }
}
