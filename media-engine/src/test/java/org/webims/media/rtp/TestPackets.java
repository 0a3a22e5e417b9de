package org.webims.media.rtp;

/** Builds RTP packets for tests with the production header writer. */
public final class TestPackets {

    private TestPackets() {
    }

    public static byte[] rtp(int pt, int seq, long ts, int ssrc, boolean marker, byte[] payload, int off, int len) {
        RtpHeaderWriter w = new RtpHeaderWriter().payloadType(pt).sequenceNumber(seq).timestamp(ts).ssrc(ssrc)
                .marker(marker);
        byte[] out = new byte[w.headerLength() + len];
        int h = w.write(out, 0);
        System.arraycopy(payload, off, out, h, len);
        return out;
    }

    public static RtpPacket packet(int pt, int seq, long ts, int ssrc, boolean marker, byte[] payload, int off, int len) {
        byte[] b = rtp(pt, seq, ts, ssrc, marker, payload, off, len);
        RtpPacket p = new RtpPacket();
        if (!p.wrap(b, 0, b.length)) {
            throw new AssertionError("test packet invalid: " + p.fault());
        }
        return p;
    }

    public static RtpPacket packet(int seq, long ts, boolean marker, byte[] payload) {
        return packet(96, seq, ts, 0x1234, marker, payload, 0, payload.length);
    }

    public static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
