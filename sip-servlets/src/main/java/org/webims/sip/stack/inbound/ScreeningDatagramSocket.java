package org.webims.sip.stack.inbound;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketAddress;
import java.net.SocketException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's UDP socket. Each datagram is screened before the stack reads it: a sound message is
 * cut to its Content-Length (RFC 3261 §18.3), a defective request is answered from here, to where
 * it came from, and withheld from the stack; a defective response is dropped.
 */
final class ScreeningDatagramSocket extends DatagramSocket {
    private static final Logger LOG = LoggerFactory.getLogger(ScreeningDatagramSocket.class);

    private final HeaderBlockScanner scanner;
    private final Object receiving = new Object();

    ScreeningDatagramSocket(SocketAddress bindAddress, InboundLimits limits) throws SocketException {
        super(bindAddress);
        this.scanner = new HeaderBlockScanner(limits);
    }

    @Override
    public void receive(DatagramPacket packet) throws IOException {
        int capacity = packet.getLength();
        synchronized (receiving) { // one scanner; JAIN-SIP reads with one thread anyway
            while (true) {
                packet.setLength(capacity);
                super.receive(packet);
                if (admit(packet, capacity)) {
                    return;
                }
            }
        }
    }

    private boolean admit(DatagramPacket packet, int capacity) throws IOException {
        byte[] data = packet.getData();
        int from = packet.getOffset();
        int to = from + packet.getLength();
        HeaderBlockScanner.Outcome outcome = scanner.scan(data, from, to, HeaderBlockScanner.Mode.DATAGRAM);
        Defect defect = scanner.defect();
        if (packet.getLength() == capacity && outcome != HeaderBlockScanner.Outcome.EMPTY) {
            defect = Defect.tooLarge("datagram filled the " + capacity + "-byte buffer"); // it was cut
            outcome = HeaderBlockScanner.Outcome.DEFECTIVE;
        }
        switch (outcome) {
            case EMPTY, INCOMPLETE:
                return true; // keep-alives are the stack's to handle
            case COMPLETE:
                packet.setLength(scanner.messageEnd() - from);
                return true;
            default:
                byte[] answer = RawErrorResponse.to(scanner, data, defect);
                LOG.atDebug().addKeyValue("peer", packet.getSocketAddress()).addKeyValue("status", defect.status())
                        .addKeyValue("reason", defect.reason()).addKeyValue("answered", answer != null)
                        .log("udp message refused before parsing");
                if (answer != null) {
                    send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
                return false;
        }
    }
}
