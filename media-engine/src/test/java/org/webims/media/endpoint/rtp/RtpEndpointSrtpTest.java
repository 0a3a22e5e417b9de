package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.RtpHeaderWriter;
import org.webims.media.sdp.Crypto;
import org.webims.media.srtp.SrtpMasterKey;
import org.webims.media.srtp.SrtpProfile;
import org.webims.media.srtp.SrtpResult;
import org.webims.media.srtp.SrtpSender;
import org.webims.media.srtp.SrtpSettings;

class RtpEndpointSrtpTest {

    final MediaFixture fx;

    RtpEndpointSrtpTest() throws Exception {
        fx = new MediaFixture();
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void carriesMediaBothWaysOverSdesSrtpWithAesCm128HmacSha1_80() throws Exception {
        flowsOverSrtp(Crypto.AES_CM_128_HMAC_SHA1_80);
    }

    @Test
    void carriesMediaBothWaysOverSdesSrtpWithAesCm128HmacSha1_32() throws Exception {
        flowsOverSrtp(Crypto.AES_CM_128_HMAC_SHA1_32);
    }

    private void flowsOverSrtp(String suite) throws Exception {
        RtpEndpointSettings settings = RtpEndpointMediaTest.AUDIO_ONLY
                .withProfile(RtpEndpointSettings.RtpProfile.SAVP).withCryptoSuites(suite);
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint a = fx.endpoint(pipeline, settings);
        RtpEndpoint b = fx.endpoint(pipeline, settings);
        TestSource sourceA = new TestSource(pipeline);
        TestSource sourceB = new TestSource(pipeline);
        TestSink sinkA = new TestSink(pipeline);
        TestSink sinkB = new TestSink(pipeline);
        sourceA.connect(a, MediaType.AUDIO);
        sourceB.connect(b, MediaType.AUDIO);
        a.connect(sinkA, MediaType.AUDIO);
        b.connect(sinkB, MediaType.AUDIO);
        String offer = a.generateOffer();
        assertTrue(offer.contains("RTP/SAVP") && offer.contains("a=crypto:1 " + suite + " inline:"), offer);
        String answer = b.processOffer(offer);
        assertTrue(answer.contains("a=crypto:1 " + suite + " inline:"), answer);
        a.processAnswer(answer);
        for (int i = 0; i < 20; i++) {
            sourceA.send(RtpEndpointMediaTest.OPUS, RtpEndpointMediaTest.payload(i, 30), i, 960L * i, 1);
            sourceB.send(RtpEndpointMediaTest.OPUS, RtpEndpointMediaTest.payload(i + 50, 30), i, 960L * i, 2);
        }
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(RtpEndpointMediaTest.payload(i, 30), sinkB.next().payload(), "A to B " + i);
            assertArrayEquals(RtpEndpointMediaTest.payload(i + 50, 30), sinkA.next().payload(), "B to A " + i);
        }
        assertEquals(0L, a.getStats().get("audio.srtpAuthFailures"));
        assertEquals(0L, b.getStats().get("audio.srtpAuthFailures"));
    }

    @Test
    void dropsAndCountsATamperedSrtpPacketAndKeepsReceiving() throws Exception {
        SrtpProfile profile = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        byte[] keySalt = new byte[30];
        new SecureRandom().nextBytes(keySalt);
        SrtpSender peerSrtp = new SrtpSender(SrtpMasterKey.of(profile, Arrays.copyOf(keySalt, 16),
                Arrays.copyOfRange(keySalt, 16, 30)), SrtpSettings.DEFAULTS);
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, RtpEndpointMediaTest.AUDIO_ONLY);
        TestSink sink = new TestSink(pipeline);
        endpoint.connect(sink, MediaType.AUDIO);
        UdpPeer peer = fx.peer();
        String answer = endpoint.processOffer(peer.sdp("audio", "RTP/SAVP", "111", "rtpmap:111 opus/48000/2",
                "crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Base64.getEncoder().encodeToString(keySalt)));
        assertTrue(answer.contains("m=audio " + endpoint.localRtpPort(MediaType.AUDIO) + " RTP/SAVP 111"), answer);
        int port = endpoint.localRtpPort(MediaType.AUDIO);
        RtpHeaderWriter header = new RtpHeaderWriter();

        sendProtected(peerSrtp, header, port, peer, 1, false);
        assertArrayEquals(new byte[] {1, 1, 1, 1}, sink.next().payload());
        sendProtected(peerSrtp, header, port, peer, 2, true);
        sendProtected(peerSrtp, header, port, peer, 3, false);
        TestSink.Received after = sink.next();
        assertEquals(3, after.seq(), "the tampered packet never reached the pipeline");
        assertEquals(1L, endpoint.getStats().get("audio.srtpAuthFailures"));
        assertEquals(1L, endpoint.getStats().get("audio.srtpUnprotectFailures"));
    }

    private static void sendProtected(SrtpSender srtp, RtpHeaderWriter header, int port, UdpPeer peer, int seq,
            boolean tamper) throws Exception {
        byte[] packet = UdpPeer.rtpPacket(header, 111, seq, 960L * seq, 77, false,
                new byte[] {(byte) seq, (byte) seq, (byte) seq, (byte) seq}, 10);
        int len = packet.length - 10;
        assertEquals(SrtpResult.OK, srtp.protectRtp(packet, 0, len));
        if (tamper) {
            packet[13] ^= 0x01; // one bit of the encrypted payload
        }
        UdpPeer.send(peer.rtp, packet, packet.length, port);
    }
}
