package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.transport.KernelRefusal;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.RtpHeaderWriter;

/**
 * A strict (non-latching) RTP leg's socket is connected to the negotiated peer (decision 0046):
 * the kernel refuses every other sender, a closed peer port costs refusals but not the leg, and
 * a re-negotiation moves the connection with the media.
 */
class RtpEndpointConnectedPeerTest {

    static final String[] OPUS = {"rtpmap:111 opus/48000/2"};

    final MediaFixture fx;

    RtpEndpointConnectedPeerTest() throws Exception {
        fx = new MediaFixture();
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    static boolean refusedByTheKernel(DatagramChannel from, int port) throws Exception {
        byte[] rtp = UdpPeer.rtpPacket(new RtpHeaderWriter(), 111, 1, 0, 99, false, new byte[] {9}, 0);
        return KernelRefusal.seenBy(from, new InetSocketAddress(MediaFixture.LOOPBACK, port), rtp);
    }

    /** An audio-only strict endpoint with a sink for what it receives and a source for what it sends. */
    record Leg(RtpEndpoint endpoint, TestSink sink, TestSource source) {
    }

    Leg leg() {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, RtpEndpointMediaTest.AUDIO_ONLY);
        TestSink sink = new TestSink(pipeline);
        TestSource source = new TestSource(pipeline);
        endpoint.connect(sink, MediaType.AUDIO);
        source.connect(endpoint, MediaType.AUDIO);
        return new Leg(endpoint, sink, source);
    }

    static DatagramChannel stranger() throws Exception {
        return DatagramChannel.open().bind(new InetSocketAddress(MediaFixture.LOOPBACK, 0));
    }

    @Test
    void aStrictLegReadsOnlyItsNegotiatedPeerAndTheKernelRefusesAnyoneElse() throws Exception {
        Leg leg = leg();
        RtpEndpoint endpoint = leg.endpoint();
        TestSink sink = leg.sink();
        UdpPeer peer = fx.peer();
        endpoint.processOffer(peer.sdp("audio", "RTP/AVP", "111", OPUS));
        int port = endpoint.localRtpPort(MediaType.AUDIO);
        try (DatagramChannel stranger = stranger()) {
            assertTrue(refusedByTheKernel(stranger, port), "RTP from an address the SDP did not name is refused");
        }
        peer.sendRtp(port, 111, 1, 0, 7, new byte[] {1, 2});
        assertEquals(7, sink.next().ssrc(), "the negotiated peer's packet");
        assertTrue(sink.received.isEmpty(), "and nothing of the stranger's");
        assertEquals(0L, endpoint.getStats().get("audio.rejectedByPeerFilter"), "dropped before the filter");
    }

    @Test
    void mediaResumesBothWaysWhenAPeerWhosePortClosedComesBack() throws Exception {
        Leg leg = leg();
        RtpEndpoint endpoint = leg.endpoint();
        TestSink sink = leg.sink();
        TestSource source = leg.source();
        UdpPeer peer = fx.peer();
        InetSocketAddress peerRtp = (InetSocketAddress) peer.rtp.getLocalSocketAddress();
        endpoint.processOffer(peer.sdp("audio", "RTP/AVP", "111", OPUS));
        int port = endpoint.localRtpPort(MediaType.AUDIO);
        source.send(RtpEndpointMediaTest.OPUS, new byte[] {1}, 1, 0, 1);
        assertNotNull(UdpPeer.receive(peer.rtp));

        peer.rtp.close(); // the far end's port closes: every packet we send earns an ICMP port unreachable
        for (int seq = 2; seq < 200; seq++) {
            source.send(RtpEndpointMediaTest.OPUS, new byte[] {2}, seq, 960L * seq, 1);
            Thread.sleep(1);
        }
        MediaFixture.await("refusals counted, more than would give a socket up",
                () -> fx.loop.refusals() > 64);
        assertEquals(0, fx.loop.handlerFailures(), "a refusal is not a failure");

        try (DatagramSocket back = new DatagramSocket(peerRtp)) { // the far end is back on its port
            back.setSoTimeout(5000);
            byte[] rtp = UdpPeer.rtpPacket(new RtpHeaderWriter(), 111, 1, 0, 7, false, new byte[] {5}, 0);
            UdpPeer.send(back, rtp, rtp.length, port);
            assertEquals(7, sink.next().ssrc(), "its RTP is read again");
            source.send(RtpEndpointMediaTest.OPUS, new byte[] {42}, 200, 960L * 200, 1);
            byte[] got = UdpPeer.receive(back);
            assertNotNull(got, "and ours reaches it again");
            assertEquals(42, got[got.length - 1]);
        }
    }

    @Test
    void aReNegotiationToANewAddressSendsThereAndAcceptsOnlyFromThere() throws Exception {
        Leg leg = leg();
        RtpEndpoint endpoint = leg.endpoint();
        TestSink sink = leg.sink();
        TestSource source = leg.source();
        UdpPeer first = fx.peer();
        UdpPeer second = fx.peer();
        endpoint.processOffer(first.sdp("audio", "RTP/AVP", "111", OPUS));
        int port = endpoint.localRtpPort(MediaType.AUDIO);
        source.send(RtpEndpointMediaTest.OPUS, new byte[] {1}, 1, 0, 1);
        assertEquals(1, last(UdpPeer.receive(first.rtp)));

        endpoint.processOffer(second.sdp("audio", "RTP/AVP", "111", OPUS)); // a re-INVITE from elsewhere
        assertEquals(port, endpoint.localRtpPort(MediaType.AUDIO), "same socket");
        source.send(RtpEndpointMediaTest.OPUS, new byte[] {2}, 2, 960, 1);
        assertEquals(2, last(UdpPeer.receive(second.rtp)), "media goes to the new address at once");
        InetSocketAddress firstRtp = (InetSocketAddress) first.rtp.getLocalSocketAddress();
        first.rtp.close();
        try (DatagramChannel old = DatagramChannel.open().bind(firstRtp)) { // the old address, seeing refusals
            assertTrue(refusedByTheKernel(old, port), "the old address is refused now");
        }
        second.sendRtp(port, 111, 1, 0, 8, new byte[] {3});
        assertEquals(8, sink.next().ssrc(), "the new address is read");
        assertTrue(sink.received.isEmpty());
    }

    private static int last(byte[] datagram) {
        assertNotNull(datagram);
        return datagram[datagram.length - 1];
    }
}
