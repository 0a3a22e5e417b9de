package org.webims.sip.container.apps;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/** A bare UDP peer's reads: each datagram the container sends, with a deadline read as a socket time-out. */
public final class Datagrams {
    private Datagrams() {
    }

    /** The next datagram {@code socket} gets, or null if none comes before {@code nanoDeadline} (System.nanoTime). */
    public static DatagramPacket receiveBefore(DatagramSocket socket, long nanoDeadline) throws IOException {
        long left = TimeUnit.NANOSECONDS.toMillis(nanoDeadline - System.nanoTime());
        if (left <= 0) {
            return null;
        }
        socket.setSoTimeout((int) left);
        DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
        try {
            socket.receive(packet);
            return packet;
        } catch (SocketTimeoutException quiet) {
            return null;
        }
    }
}
