package org.webims.media.endpoint.rtp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.webims.media.rtp.RtpHeaderWriter;

/**
 * The far end of a call as a plain pair of UDP sockets on loopback (RTP and RTCP, the RTCP port
 * announced with a=rtcp), writing its own SDP and RTP headers.
 */
final class UdpPeer implements AutoCloseable {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    final DatagramSocket rtp;
    final DatagramSocket rtcp;
    private final RtpHeaderWriter header = new RtpHeaderWriter();

    UdpPeer() throws IOException {
        rtp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        rtcp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        rtp.setSoTimeout(5000);
        rtcp.setSoTimeout(5000);
    }

    int rtpPort() { return rtp.getLocalPort(); }
    int rtcpPort() { return rtcp.getLocalPort(); }

    /** An SDP offer or answer for one m-line: {@code media} is e.g. "audio", formats "111 101", then a= lines. */
    String sdp(String media, String proto, String formats, String... attributes) {
        StringBuilder b = new StringBuilder("v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n");
        b.append("m=").append(media).append(' ').append(rtpPort()).append(' ').append(proto).append(' ')
                .append(formats).append("\r\n");
        b.append("a=rtcp:").append(rtcpPort()).append("\r\n");
        for (String a : attributes) {
            b.append("a=").append(a).append("\r\n");
        }
        return b.toString();
    }

    static byte[] rtpPacket(RtpHeaderWriter header, int pt, int seq, long ts, int ssrc, boolean marker, byte[] payload,
            int room) {
        header.payloadType(pt).sequenceNumber(seq).timestamp(ts).ssrc(ssrc).marker(marker);
        byte[] out = new byte[header.headerLength() + payload.length + room];
        int h = header.write(out, 0);
        System.arraycopy(payload, 0, out, h, payload.length);
        return Arrays.copyOf(out, h + payload.length + room);
    }

    void sendRtp(int toPort, int pt, int seq, long ts, int ssrc, byte[] payload) throws IOException {
        byte[] p = rtpPacket(header, pt, seq, ts, ssrc, false, payload, 0);
        send(rtp, p, p.length, toPort);
    }

    static void send(DatagramSocket from, byte[] bytes, int length, int toPort) throws IOException {
        from.send(new DatagramPacket(bytes, length, new InetSocketAddress(LOOPBACK, toPort)));
    }

    /** The next datagram on {@code socket}, or null after its timeout. */
    static byte[] receive(DatagramSocket socket) throws IOException {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return Arrays.copyOf(buf, p.getLength());
    }

    @Override
    public void close() {
        rtp.close();
        rtcp.close();
    }
}
