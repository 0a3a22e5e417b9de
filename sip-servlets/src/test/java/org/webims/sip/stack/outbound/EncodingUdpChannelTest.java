package org.webims.sip.stack.outbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.SIPClientTransaction;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import javax.sip.ClientTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackHost;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;
import org.webims.sip.stack.StackTestPeer;

/** The container's stack sends UDP through {@link EncodingUdpChannel}, and a real peer receives JAIN-SIP's bytes. */
class EncodingUdpChannelTest {

    @Test
    void aRequestSentByTheStackArrivesAsJainSipEncodesIt() throws Exception {
        int port = Sipp.freePort();
        try (SipStackHost host = new SipStackHost(new SipStackSettings("encoding-channel-test",
                List.of(new ListenAddress(SipTransport.UDP, "127.0.0.1", port)), 65536));
             DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            host.start(h -> new Ignoring());
            peer.setSoTimeout(10_000);
            SipURI target = host.addressFactory().createSipURI("peer", "127.0.0.1");
            target.setPort(peer.getLocalPort());
            Request options = host.messageFactory().createRequest(target, Request.OPTIONS,
                    host.headerFactory().createCallIdHeader("enc-1@127.0.0.1"),
                    host.headerFactory().createCSeqHeader(1L, Request.OPTIONS),
                    host.headerFactory().createFromHeader(host.addressFactory().createAddress(
                            host.addressFactory().createSipURI("us", "127.0.0.1")), "f1"),
                    host.headerFactory().createToHeader(host.addressFactory().createAddress(target), null),
                    List.<ViaHeader>of(host.headerFactory().createViaHeader("127.0.0.1", port, "udp", null)),
                    host.headerFactory().createMaxForwardsHeader(70));
            ClientTransaction ct = host.provider().getNewClientTransaction(options);
            ct.sendRequest();

            DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
            peer.receive(packet);
            byte[] received = Arrays.copyOf(packet.getData(), packet.getLength());
            assertInstanceOf(EncodingUdpChannel.class, ((SIPClientTransaction) ct).getMessageChannel());
            assertArrayEquals(((SIPRequest) ct.getRequest()).encodeAsBytes("UDP"), received);
        }
    }

    /** A listener for a stack that only sends. */
    private static final class Ignoring extends StackTestPeer.QuietListener {
    }
}
