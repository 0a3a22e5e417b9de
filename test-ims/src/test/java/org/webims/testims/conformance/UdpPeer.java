package org.webims.testims.conformance;

import gov.nist.javax.sip.message.SIPMessage;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/** One UDP socket on a free loopback port; each send is one datagram. */
final class UdpPeer implements RawSipPeer {
    private final DatagramSocket socket;
    private final InetSocketAddress server;

    UdpPeer(int serverPort) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
    }

    @Override
    public String viaSentBy() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public String transportToken() {
        return "UDP";
    }

    @Override
    public void send(byte[] message) throws IOException {
        socket.send(new DatagramPacket(message, message.length, server));
    }

    @Override
    public SIPMessage receive(Duration timeout) throws Exception {
        byte[] buffer = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return RawSipPeer.parse(Arrays.copyOf(packet.getData(), packet.getLength()));
    }

    @Override
    public boolean closedByServer() {
        return false;
    }

    @Override
    public void close() {
        socket.close();
    }
}
