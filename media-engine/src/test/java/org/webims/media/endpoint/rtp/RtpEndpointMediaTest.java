package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.filter.PassThrough;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.event.FormatChosen;
import org.webims.media.rtp.RtpPacket;

class RtpEndpointMediaTest {

    static final MediaFormat OPUS = MediaFormat.audio("opus", 48000, 2);
    static final RtpEndpointSettings AUDIO_ONLY = RtpEndpointSettings.defaults().withOfferedMedia(true, false);

    final MediaFixture fx;

    RtpEndpointMediaTest() throws Exception {
        fx = new MediaFixture();
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void opusFlowsBothWaysBetweenTwoEndpointsAfterOfferAndAnswer() throws Exception {
        MediaPipeline left = fx.pipeline();
        MediaPipeline right = fx.pipeline();
        RtpEndpoint a = fx.endpoint(left, AUDIO_ONLY);
        RtpEndpoint b = fx.endpoint(right, AUDIO_ONLY);
        TestSource sourceA = new TestSource(left);
        PassThrough throughA = new PassThrough(left);
        TestSink sinkA = new TestSink(left);
        sourceA.connect(throughA, MediaType.AUDIO);
        throughA.connect(a, MediaType.AUDIO);
        a.connect(sinkA, MediaType.AUDIO);
        TestSource sourceB = new TestSource(right);
        PassThrough throughB = new PassThrough(right);
        TestSink sinkB = new TestSink(right);
        sourceB.connect(b, MediaType.AUDIO);
        b.connect(throughB, MediaType.AUDIO);
        throughB.connect(sinkB, MediaType.AUDIO);

        String answer = b.processOffer(a.generateOffer());
        a.processAnswer(answer);
        assertTrue(answer.contains("opus/48000/2"), answer);
        FormatChosen chosen = fx.nextEvent(FormatChosen.class);
        assertEquals("opus", chosen.format().encoding());

        ByteArrayOutputStream sentAB = new ByteArrayOutputStream();
        ByteArrayOutputStream sentBA = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            byte[] ab = payload(i, 40 + i);
            byte[] ba = payload(i + 100, 60 + i);
            sourceA.send(OPUS, ab, i, 960L * i, 11);
            sourceB.send(OPUS, ba, i, 960L * i, 22);
            sentAB.write(ab);
            sentBA.write(ba);
        }
        assertArrayEquals(sentAB.toByteArray(), collect(sinkB, 50), "A to B payload bytes");
        assertArrayEquals(sentBA.toByteArray(), collect(sinkA, 50), "B to A payload bytes");
        assertEquals(50L, a.getStats().get("audio.rtpPacketsSent"));
        assertEquals(50L, b.getStats().get("audio.rtpPacketsReceived"));
        assertEquals(0L, b.getStats().get("audio.packetsLost"));
    }

    @Test
    void keepsSequenceNumbersTimestampsAndSsrcContinuousWhenTheFeedIsSwitched() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, AUDIO_ONLY);
        UdpPeer peer = fx.peer();
        endpoint.processOffer(peer.sdp("audio", "RTP/AVP", "111", "rtpmap:111 opus/48000/2"));
        TestSource first = new TestSource(pipeline);
        TestSource second = new TestSource(pipeline);
        first.connect(endpoint, MediaType.AUDIO);
        for (int i = 0; i < 10; i++) {
            first.send(OPUS, payload(i, 20), 100 + i, 1000 + 960L * i, 1);
        }
        second.connect(endpoint, MediaType.AUDIO);
        for (int i = 0; i < 10; i++) {
            second.send(OPUS, payload(i, 20), 40000 + i, 7_000_000 + 960L * i, 2);
        }
        RtpPacket rtp = new RtpPacket();
        List<byte[]> got = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] p = UdpPeer.receive(peer.rtp);
            assertNotNull(p, "packet " + i);
            got.add(p);
        }
        rtp.wrap(got.get(0), 0, got.get(0).length);
        int ssrc = rtp.ssrc();
        int seq = rtp.sequenceNumber();
        long ts = rtp.timestamp();
        for (int i = 1; i < 20; i++) {
            assertTrue(rtp.wrap(got.get(i), 0, got.get(i).length));
            assertEquals(ssrc, rtp.ssrc(), "one SSRC across the switch");
            assertEquals((seq + 1) & 0xFFFF, rtp.sequenceNumber(), "sequence continues at packet " + i);
            long step = (rtp.timestamp() - ts) & 0xFFFFFFFFL;
            assertTrue(step > 0 && step < 48000 * 5, "timestamp moves forward at packet " + i + ": " + step);
            seq = rtp.sequenceNumber();
            ts = rtp.timestamp();
        }
    }

    /** Symmetric RTP (RFC 4961): RTP and RTCP leave from the ports we announced and read, one NAT binding each. */
    @Test
    void sendsRtpAndRtcpFromThePortsItAnnouncedAndReceivesOn() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, AUDIO_ONLY);
        UdpPeer peer = fx.peer();
        String answer = endpoint.processOffer(peer.sdp("audio", "RTP/AVP", "111", "rtpmap:111 opus/48000/2"));
        int port = endpoint.localRtpPort(MediaType.AUDIO);
        assertTrue(answer.contains("m=audio " + port + " RTP/AVP"), answer);
        TestSource source = new TestSource(pipeline);
        source.connect(endpoint, MediaType.AUDIO);
        source.send(OPUS, payload(1, 20), 1, 0, 1);
        java.net.DatagramPacket rtp = new java.net.DatagramPacket(new byte[1500], 1500);
        peer.rtp.setSoTimeout(5000);
        peer.rtp.receive(rtp);
        assertEquals(port, rtp.getPort(), "RTP from the port the answer names");
        java.net.DatagramPacket rtcp = new java.net.DatagramPacket(new byte[1500], 1500);
        peer.rtcp.setSoTimeout(15_000);
        peer.rtcp.receive(rtcp);
        assertEquals(port + 1, rtcp.getPort(), "RTCP from the next port up (RFC 3550 §11), where it is read");
        assertTrue(!answer.contains("a=rtcp:") || answer.contains("a=rtcp:" + (port + 1)), answer);
    }

    @Test
    void sendsNothingBeforeNegotiation() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, AUDIO_ONLY);
        TestSource source = new TestSource(pipeline);
        source.connect(endpoint, MediaType.AUDIO);
        source.send(OPUS, payload(1, 10), 1, 0, 1);
        String offer = endpoint.generateOffer();
        UdpPeer peer = fx.peer();
        peer.rtp.setSoTimeout(300);
        for (int i = 2; i < 6; i++) {
            source.send(OPUS, payload(i, 10), i, 960L * i, 1);
        }
        assertNull(UdpPeer.receive(peer.rtp), "an offer without an answer sends nothing");
        assertEquals(0L, endpoint.getStats().get("audio.rtpPacketsSent"));
        assertEquals(4L, endpoint.getStats().get("audio.notSent"), "the packet before the offer found no stream");

        int pt = Integer.parseInt(offer.substring(offer.indexOf("a=rtpmap:") + 9).split(" ")[0]);
        endpoint.processAnswer(peer.sdp("audio", "RTP/AVPF", Integer.toString(pt), "rtpmap:" + pt + " opus/48000/2"));
        source.send(OPUS, payload(9, 10), 9, 960L * 9, 1);
        peer.rtp.setSoTimeout(5000);
        byte[] first = UdpPeer.receive(peer.rtp);
        assertNotNull(first, "sent once answered");
        RtpPacket rtp = new RtpPacket();
        assertTrue(rtp.wrap(first, 0, first.length));
        assertEquals(pt, rtp.payloadType());
        assertArrayEquals(payload(9, 10), java.util.Arrays.copyOfRange(first, rtp.payloadOffset(), first.length));
    }

    static byte[] payload(int seed, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    static byte[] collect(TestSink sink, int count) throws InterruptedException {
        ByteBuffer all = ByteBuffer.allocate(100_000);
        for (int i = 0; i < count; i++) {
            all.put(sink.next().payload());
        }
        byte[] out = new byte[all.position()];
        all.flip().get(out);
        return out;
    }
}
