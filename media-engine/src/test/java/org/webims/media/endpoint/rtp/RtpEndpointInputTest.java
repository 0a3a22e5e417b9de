package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.session.RemotePeerFilter;
import org.webims.media.rtp.payload.dtmf.TelephoneEvent;
import org.webims.media.sdp.SdpWarning;

class RtpEndpointInputTest {

    static final RtpEndpointSettings AUDIO_ONLY = RtpEndpointMediaTest.AUDIO_ONLY;
    static final String[] OPUS = {"rtpmap:111 opus/48000/2"};

    final MediaFixture fx;

    RtpEndpointInputTest() throws Exception {
        fx = new MediaFixture();
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void latchesOntoTheFirstSenderOnlyWhenConfigured() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, AUDIO_ONLY.withPeerFilter(RemotePeerFilter.Mode.LATCH));
        TestSink sink = new TestSink(pipeline);
        TestSource source = new TestSource(pipeline);
        endpoint.connect(sink, MediaType.AUDIO);
        source.connect(endpoint, MediaType.AUDIO);
        UdpPeer announced = fx.peer();
        UdpPeer behindNat = fx.peer();
        endpoint.processOffer(announced.sdp("audio", "RTP/AVP", "111", OPUS));
        int port = endpoint.localRtpPort(MediaType.AUDIO);
        behindNat.sendRtp(port, 111, 1, 0, 5, new byte[] {1});
        assertEquals(5, sink.next().ssrc(), "the first sender after negotiation is latched");
        source.send(RtpEndpointMediaTest.OPUS, new byte[] {42}, 1, 0, 1);
        byte[] back = UdpPeer.receive(behindNat.rtp);
        assertEquals(42, back[back.length - 1], "media goes to the latched address");
        announced.sendRtp(port, 111, 1, 0, 6, new byte[] {1});
        behindNat.sendRtp(port, 111, 2, 960, 5, new byte[] {2});
        assertEquals(5, sink.next().ssrc(), "once latched, nobody else is accepted");
        // counted by the filter: a latching leg's socket stays unconnected, every sender reaches it (decision 0046)
        assertEquals(1L, endpoint.getStats().get("audio.rejectedByPeerFilter"));
    }

    @Test
    void dropsAndCountsUnknownPayloadTypesAndMalformedRtpThenCarriesOn() throws Exception {
        Negotiated n = negotiatedWithSink();
        RtpEndpoint endpoint = n.endpoint();
        TestSink sink = n.sink();
        UdpPeer peer = n.peer();
        int port = n.port();
        peer.sendRtp(port, 96, 1, 0, 7, new byte[] {1});
        UdpPeer.send(peer.rtp, new byte[] {(byte) 0x80, 111, 0, 1, 0}, 5, port); // shorter than a header
        UdpPeer.send(peer.rtp, new byte[] {0x40, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 7, 1}, 13, port); // version 1
        byte[] csrcOverrun = {(byte) 0x8F, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 7, 1, 2};
        UdpPeer.send(peer.rtp, csrcOverrun, csrcOverrun.length, port);
        peer.sendRtp(port, 111, 2, 960, 7, new byte[] {5, 6, 7});
        TestSink.Received good = sink.next();
        assertEquals(2, good.seq());
        assertEquals(3, good.payload().length);
        var stats = endpoint.getStats();
        assertEquals(1L, stats.get("audio.unknownPayloadType"));
        assertEquals(3L, stats.get("audio.badRtpPackets"));
        assertEquals(0L, fx.loop.handlerFailures(), "bad packets are dropped, never thrown");
    }

    @Test
    void aPayloadTypeRenegotiatedAwayIsDroppedAfterItWasForwarded() throws Exception {
        Negotiated n = negotiatedWithSink();
        n.peer().sendRtp(n.port(), 111, 1, 0, 7, new byte[] {1});
        assertEquals(1, n.sink().next().seq(), "forwarded while 111 is negotiated");
        n.endpoint().processOffer(n.peer().sdp("audio", "RTP/AVP", "109", "rtpmap:109 opus/48000/2"));
        n.peer().sendRtp(n.port(), 111, 2, 960, 7, new byte[] {2});
        n.peer().sendRtp(n.port(), 109, 3, 1920, 7, new byte[] {3});
        assertEquals(3, n.sink().next().seq(), "the new payload type goes through, the old one does not");
        assertEquals(1L, n.endpoint().getStats().get("audio.unknownPayloadType"));
        assertTrue(n.sink().received.isEmpty());
    }

    /** An audio endpoint negotiated with a peer for Opus at 111, what it receives going to a test sink. */
    private record Negotiated(RtpEndpoint endpoint, TestSink sink, UdpPeer peer, int port) { }

    private Negotiated negotiatedWithSink() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, AUDIO_ONLY);
        TestSink sink = new TestSink(pipeline);
        endpoint.connect(sink, MediaType.AUDIO);
        UdpPeer peer = fx.peer();
        endpoint.processOffer(peer.sdp("audio", "RTP/AVP", "111", OPUS));
        return new Negotiated(endpoint, sink, peer, endpoint.localRtpPort(MediaType.AUDIO));
    }

    @Test
    void refusesMalformedSdpWithLineReasonAndWarningAndStaysUnchanged() throws Exception {
        RtpEndpoint endpoint = fx.endpoint(fx.pipeline(), AUDIO_ONLY);
        String bad = "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio notaport RTP/AVP 111\r\na=rtpmap:111 opus/48000/2\r\n";
        SdpNegotiationException e = assertThrows(SdpNegotiationException.class, () -> endpoint.processOffer(bad));
        assertTrue(e.isParseFault());
        assertEquals(6, e.lineNumber());
        assertTrue(e.reason().contains("port"), e.reason());
        assertTrue(e.warning("webims").startsWith("399 webims \"SDP line 6: "), e.warning("webims"));
        assertNull(endpoint.getLocalSessionDescriptor());
        assertNull(endpoint.getRemoteSessionDescriptor());
        assertEquals(-1, endpoint.localRtpPort(MediaType.AUDIO), "no socket was kept");
    }

    @Test
    void refusesAnOfferWithoutACommonCodecWith305AndFreesWhatItOpened() throws Exception {
        RtpEndpoint endpoint = fx.endpoint(fx.pipeline(), AUDIO_ONLY);
        UdpPeer peer = fx.peer();
        int registrations = fx.loop.registrations();
        SdpNegotiationException e = assertThrows(SdpNegotiationException.class,
                () -> endpoint.processOffer(peer.sdp("audio", "RTP/AVP", "0", "rtpmap:0 PCMU/8000")));
        assertFalse(e.isParseFault());
        assertEquals(SdpWarning.INCOMPATIBLE_MEDIA_FORMAT, e.warnCode());
        assertTrue(e.warning("webims").startsWith("305 webims \""), e.warning("webims"));
        assertTrue(e.reason().contains("codec"), e.reason());
        assertNull(endpoint.getLocalSessionDescriptor());
        assertEquals(-1, endpoint.localRtpPort(MediaType.AUDIO));
        MediaFixture.await("sockets of the refused offer closed", () -> fx.loop.registrations() == registrations);
    }

    @Test
    void refusesAnAnswerThatDoesNotFitTheOfferAndKeepsWaitingForOne() throws Exception {
        RtpEndpoint endpoint = fx.endpoint(fx.pipeline(), AUDIO_ONLY);
        String offer = endpoint.generateOffer();
        UdpPeer peer = fx.peer();
        SdpNegotiationException e = assertThrows(SdpNegotiationException.class,
                () -> endpoint.processAnswer(peer.sdp("audio", "RTP/AVPF", "0", "rtpmap:0 PCMU/8000")));
        assertEquals(SdpWarning.INCOMPATIBLE_MEDIA_FORMAT, e.warnCode());
        assertEquals(offer, endpoint.getLocalSessionDescriptor());
        assertNull(endpoint.getRemoteSessionDescriptor());
        int pt = Integer.parseInt(offer.substring(offer.indexOf("a=rtpmap:") + 9).split(" ")[0]);
        endpoint.processAnswer(peer.sdp("audio", "RTP/AVPF", Integer.toString(pt), "rtpmap:" + pt + " opus/48000/2"));
        assertTrue(endpoint.getRemoteSessionDescriptor().contains("opus"));
    }


    @Test
    void reportsEachTelephoneEventOnceAndDoesNotPassItOnByDefault() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, AUDIO_ONLY);
        TestSink sink = new TestSink(pipeline);
        endpoint.connect(sink, MediaType.AUDIO);
        UdpPeer peer = fx.peer();
        endpoint.processOffer(peer.sdp("audio", "RTP/AVP", "111 101", "rtpmap:111 opus/48000/2",
                "rtpmap:101 telephone-event/48000", "fmtp:101 0-15"));
        int port = endpoint.localRtpPort(MediaType.AUDIO);
        byte[] event = new byte[4];
        for (int i = 0; i < 4; i++) { // RFC 4733 §2.5.1: one event, growing duration, then the end packets
            TelephoneEvent.write(event, 0, 5, i == 3, 10, 960 * (i + 1));
            peer.sendRtp(port, 101, 10 + i, 48_000, 8, event);
        }
        peer.sendRtp(port, 111, 14, 52_800, 8, new byte[] {7});
        DtmfReceived dtmf = fx.nextEvent(DtmfReceived.class);
        assertEquals('5', dtmf.digit());
        assertEquals(10, dtmf.volume());
        assertEquals(14, sink.next().seq(), "only the audio packet reaches the pipeline");
        assertEquals(1L, endpoint.getStats().get("audio.dtmfEvents"));
    }
}
