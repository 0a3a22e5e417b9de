package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.RtcpCompound;
import org.webims.media.rtp.RtcpPacketType;

class RtpEndpointLifecycleTest {

    static final String OPUS = "rtpmap:111 opus/48000/2";

    final MediaFixture fx;

    RtpEndpointLifecycleTest() throws Exception {
        fx = new MediaFixture();
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void raisesMediaTimeoutOnceWhenThePeerStopsSending() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, RtpEndpointMediaTest.AUDIO_ONLY);
        TestSink sink = new TestSink(pipeline);
        endpoint.connect(sink, MediaType.AUDIO);
        endpoint.setMediaTimeout(Duration.ofMillis(200));
        UdpPeer peer = fx.peer();
        endpoint.processOffer(peer.sdp("audio", "RTP/AVP", "111", OPUS));
        for (int i = 0; i < 3; i++) {
            peer.sendRtp(endpoint.localRtpPort(MediaType.AUDIO), 111, i, 960L * i, 3, new byte[] {1});
            sink.next();
        }
        MediaTimeout timeout = fx.nextEvent(MediaTimeout.class);
        assertEquals(MediaType.AUDIO, timeout.mediaType());
        assertEquals(endpoint, timeout.element());
        assertEquals("MediaTimeout", timeout.type());
        Thread.sleep(400); // two more timeout periods of silence
        assertTrue(fx.events.stream().noneMatch(MediaTimeout.class::isInstance), "raised once per silence");
    }

    @Test
    void aReOfferWithSendonlyStopsOurSendingAndKeepsThePort() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, RtpEndpointMediaTest.AUDIO_ONLY);
        TestSource source = new TestSource(pipeline);
        source.connect(endpoint, MediaType.AUDIO);
        UdpPeer peer = fx.peer();
        endpoint.processOffer(peer.sdp("audio", "RTP/AVP", "111", OPUS, "sendrecv"));
        int port = endpoint.localRtpPort(MediaType.AUDIO);
        source.send(RtpEndpointMediaTest.OPUS, new byte[] {1}, 1, 960, 1);
        assertNotNull(UdpPeer.receive(peer.rtp));

        String answer = endpoint.processOffer(peer.sdp("audio", "RTP/AVP", "111", OPUS, "sendonly"));
        assertTrue(answer.contains("a=recvonly"), answer);
        assertTrue(answer.contains("m=audio " + port + " "), "same port after renegotiation: " + answer);
        assertTrue(answer.contains("o=- ") && answer.contains(" 2 IN IP4"), "o= version raised: " + answer);
        long sentBefore = endpoint.getStats().get("audio.rtpPacketsSent");
        source.send(RtpEndpointMediaTest.OPUS, new byte[] {2}, 2, 1920, 1);
        assertEquals(sentBefore, endpoint.getStats().get("audio.rtpPacketsSent"), "on hold: nothing sent");
        assertEquals(1L, endpoint.getStats().get("audio.notSent"));

        endpoint.processOffer(peer.sdp("audio", "RTP/AVP", "111", OPUS, "sendrecv"));
        source.send(RtpEndpointMediaTest.OPUS, new byte[] {3}, 3, 2880, 1);
        byte[] resumed = UdpPeer.receive(peer.rtp);
        assertNotNull(resumed);
        assertEquals(3, resumed[resumed.length - 1], "sending again once resumed");
    }

    @Test
    void addingVideoInAReOfferKeepsTheAudioSocket() throws Exception {
        RtpEndpoint a = fx.endpoint(fx.pipeline(), RtpEndpointMediaTest.AUDIO_ONLY);
        RtpEndpoint b = fx.endpoint(fx.pipeline(), RtpEndpointSettings.defaults());
        a.processAnswer(b.processOffer(a.generateOffer()));
        int audioA = a.localRtpPort(MediaType.AUDIO);
        int audioB = b.localRtpPort(MediaType.AUDIO);
        assertEquals(-1, b.localRtpPort(MediaType.VIDEO), "no video socket for an audio-only call");
        String reOffer = b.generateOffer();
        assertTrue(reOffer.indexOf("m=audio") < reOffer.indexOf("m=video"), "m-line order kept: " + reOffer);
        String answer = a.processOffer(reOffer);
        b.processAnswer(answer);
        assertEquals(audioA, a.localRtpPort(MediaType.AUDIO));
        assertEquals(audioB, b.localRtpPort(MediaType.AUDIO));
        assertTrue(answer.contains("m=video " + a.localRtpPort(MediaType.VIDEO) + " RTP/AVPF"), answer);
    }

    @Test
    void releaseSendsByeFreesThePortsAndLeavesNoRegistration() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, RtpEndpointMediaTest.AUDIO_ONLY);
        UdpPeer peer = fx.peer();
        endpoint.processOffer(peer.sdp("audio", "RTP/AVP", "111", OPUS));
        int port = endpoint.localRtpPort(MediaType.AUDIO);
        // the I/O thread attaches new channels on its next wake-up, not within register()
        MediaFixture.await("RTP and RTCP sockets registered", () -> fx.loop.registrations() == 2);
        endpoint.release();
        byte[] bye = null;
        RtcpCompound compound = new RtcpCompound();
        for (int i = 0; i < 5 && bye == null; i++) {
            byte[] rtcp = UdpPeer.receive(peer.rtcp);
            assertNotNull(rtcp, "a BYE on release");
            assertTrue(compound.wrap(rtcp, 0, rtcp.length));
            while (compound.next()) {
                if (compound.packetType() == RtcpPacketType.BYE) {
                    bye = rtcp;
                }
            }
        }
        assertNotNull(bye);
        MediaFixture.await("I/O loop registrations gone", () -> fx.loop.registrations() == 0);
        try (DatagramChannel rtp = DatagramChannel.open(); DatagramChannel rtcp = DatagramChannel.open()) {
            rtp.bind(new InetSocketAddress(MediaFixture.LOOPBACK, port));
            rtcp.bind(new InetSocketAddress(MediaFixture.LOOPBACK, port + 1));
        }
        assertNull(pipeline.element(endpoint.id()));
    }
}
