package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.transcode.CodecFormatAdapterFactory;

/**
 * A phone's a=maxprate (RFC 3890 §6.4: the most packets a second it takes) under our 50 AMR-WB
 * packets a second: a test source's 16 kHz PCM, transcoded by the real AMR-WB encoder toward a
 * plain UDP phone, arrives with as few frames a packet as bring the rate under it (RFC 4867 §4.1
 * allows several), within the phone's a=maxptime. Figures worked out here: 20 ms frames, 50 a
 * second; maxprate 25 needs ceil(50 / 25) = 2 frames a packet, maxprate 10 needs 5, which a
 * maxptime of 60 cuts to 3 (16.7 packets a second: the far end's maxptime is what it can decode).
 */
class RtpEndpointMaxprateTest {

    static final int FRAMES = 60;
    final CodecFormatAdapterFactory adapters = new CodecFormatAdapterFactory();
    final MediaFixture fx;
    /** The endpoint and the PCM source of the last {@link #pcmToPeer}. */
    private RtpEndpoint ours;
    private TestSource source;

    RtpEndpointMaxprateTest() throws Exception {
        fx = new MediaFixture(adapters);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
        adapters.close();
    }

    /** One received AMR-WB packet: its RTP timestamp and how many frames its ToC lists. */
    record Packet(long timestamp, int frames) {
    }

    /**
     * An RtpEndpoint fed by a test source's 16 kHz PCM, answering {@code offer} made by the returned
     * peer, {@code frames} 20 ms frames sent to it paced as a live source is.
     */
    private UdpPeer pcmToPeer(java.util.function.Function<UdpPeer, String> offer, int frames) throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, RtpEndpointMediaTest.AUDIO_ONLY);
        TestSource pcm = new TestSource(pipeline);
        pcm.connect(endpoint, MediaType.AUDIO);
        UdpPeer peer = fx.peer();
        endpoint.processOffer(offer.apply(peer));
        ours = endpoint;
        source = pcm;
        sendPcm(0, frames);
        return peer;
    }

    private void sendPcm(int from, int to) throws Exception {
        MediaFormat l16 = MediaFormat.pcm(16000);
        byte[] frame = TestSource.l16Ramp();
        for (int n = from; n < to; n++) {
            source.send(l16, frame, n, 320L * n, 5);
            Thread.sleep(20);
        }
    }

    /** An AMR-WB phone (octet-aligned, no DTX) saying {@code extra} on its line; returns what it got of {@link #FRAMES} frames. */
    private List<Packet> amrWbToPhone(String... extra) throws Exception {
        String[] attributes = new String[2 + extra.length];
        attributes[0] = "rtpmap:97 AMR-WB/16000";
        attributes[1] = "fmtp:97 octet-align=1;dtx=0";
        System.arraycopy(extra, 0, attributes, 2, extra.length);
        return received(pcmToPeer(phone -> phone.sdp("audio", "RTP/AVP", "97", attributes), FRAMES));
    }

    /** RFC 4867 §4.4: octet-aligned, a CMR byte, then one ToC byte a frame, F set on all but the last. */
    static List<Packet> received(UdpPeer phone) throws Exception {
        phone.rtp.setSoTimeout(500);
        List<Packet> packets = new ArrayList<>();
        byte[] d;
        while ((d = UdpPeer.receive(phone.rtp)) != null) {
            RtpPacket p = new RtpPacket();
            assertTrue(p.wrap(d, 0, d.length));
            int at = p.payloadOffset() + 1;
            int frames = 1;
            while ((d[at] & 0x80) != 0) {
                frames++;
                at++;
            }
            packets.add(new Packet(p.timestamp(), frames));
        }
        return packets;
    }

    /** The packets a second the timestamps show: 16 000 ticks a second over the packets' span. */
    static double packetsPerSecond(List<Packet> packets) {
        long span = packets.get(packets.size() - 1).timestamp() - packets.get(0).timestamp();
        return (packets.size() - 1) * 16_000.0 / span;
    }

    @Test
    void withoutMaxprateEachPacketCarriesOneFrame() throws Exception {
        List<Packet> packets = amrWbToPhone();
        assertTrue(packets.size() > FRAMES / 2, "AMR-WB reached the phone: " + packets.size());
        assertTrue(packets.stream().allMatch(p -> p.frames() == 1), "one frame a packet: " + packets);
        assertEquals(50.0, packetsPerSecond(packets), 0.01);
    }

    @Test
    void aPhoneSayingMaxprate25GetsTwoFramesAPacketAndNoMoreThan25PacketsASecond() throws Exception {
        int frames = (int) Math.ceil(50.0 / 25);
        List<Packet> packets = amrWbToPhone("maxprate:25");
        System.out.println("maxprate 25: " + packets.size() + " packets, " + packetsPerSecond(packets) + "/s");
        assertTrue(packets.size() > FRAMES / (2 * frames), "AMR-WB reached the phone: " + packets.size());
        assertTrue(packets.stream().allMatch(p -> p.frames() == frames), "two frames a packet: " + packets);
        for (int i = 1; i < packets.size(); i++) {
            assertEquals(320L * frames, packets.get(i).timestamp() - packets.get(i - 1).timestamp(),
                    "40 ms of 16 kHz ticks between packets: " + packets);
        }
        assertTrue(packetsPerSecond(packets) <= 25.0, "under the phone's maxprate: " + packetsPerSecond(packets));
    }

    @Test
    void thePhonesMaxptimeBoundsTheFramesAPacketItsMaxprateWouldWant() throws Exception {
        int wanted = (int) Math.ceil(50.0 / 10);
        int frames = Math.min(wanted, 60 / 20);
        assertEquals(3, frames);
        List<Packet> packets = amrWbToPhone("maxprate:10", "maxptime:60");
        System.out.println("maxprate 10, maxptime 60: " + packets.size() + " packets, " + packetsPerSecond(packets) + "/s");
        assertTrue(packets.size() > FRAMES / (2 * frames), "AMR-WB reached the phone: " + packets.size());
        assertTrue(packets.stream().allMatch(p -> p.frames() == frames), "three frames a packet: " + packets);
        assertEquals(1000.0 / (20 * frames), packetsPerSecond(packets), 0.01);
    }

    /** A session-level a=maxprate (RFC 3890 §6.4, the session's total) bounds the audio too when its line has none. */
    @Test
    void aSessionLevelMaxprateBoundsTheAudioWhenItsLineSaysNone() throws Exception {
        UdpPeer phone = pcmToPeer(p -> p.sdp("audio", "RTP/AVP", "97", "rtpmap:97 AMR-WB/16000",
                "fmtp:97 octet-align=1;dtx=0").replace("t=0 0\r\n", "t=0 0\r\na=maxprate:20\r\n"), FRAMES);
        int frames = (int) Math.ceil(50.0 / 20);
        List<Packet> packets = received(phone);
        assertTrue(packets.size() > FRAMES / (2 * frames), "AMR-WB reached the phone: " + packets.size());
        assertTrue(packets.stream().allMatch(p -> p.frames() == frames), "ceil(50 / 20) frames a packet: " + packets);
    }

    /**
     * Opus toward a peer saying a=maxprate:20: ceil(50 / 20) = 3 frames a packet, joined as one code 3
     * Opus packet (RFC 6716 §3.2.5: the frame count byte's low 6 bits) of 60 ms, 2 880 ticks of the
     * 48 kHz RTP clock (RFC 7587 §4.1) apart, which libopus decodes to 60 ms of samples.
     */
    @Test
    void anOpusPeerSayingMaxprate20GetsThreeFramesInOneCode3Packet() throws Exception {
        UdpPeer peer = pcmToPeer(p -> p.sdp("audio", "RTP/AVP", "111", "rtpmap:111 opus/48000/2", "maxprate:20"),
                FRAMES);
        int frames = (int) Math.ceil(50.0 / 20);
        peer.rtp.setSoTimeout(500);
        List<byte[]> payloads = new ArrayList<>();
        List<Long> timestamps = new ArrayList<>();
        byte[] d;
        while ((d = UdpPeer.receive(peer.rtp)) != null) {
            RtpPacket p = new RtpPacket();
            assertTrue(p.wrap(d, 0, d.length));
            payloads.add(java.util.Arrays.copyOfRange(d, p.payloadOffset(), p.payloadOffset() + p.payloadLength()));
            timestamps.add(p.timestamp());
        }
        assertTrue(payloads.size() > FRAMES / (2 * frames), "Opus reached the peer: " + payloads.size());
        try (org.webims.media.codec.opus.OpusDecoder decoder =
                org.webims.media.codec.AudioCodecs.get().newOpusDecoder(48_000)) {
            short[] pcmOut = new short[48 * 120];
            for (int i = 0; i < payloads.size(); i++) {
                byte[] payload = payloads.get(i);
                assertEquals(3, payload[0] & 0x03, "a code 3 packet (RFC 6716 §3.2.5), packet " + i);
                assertEquals(frames, payload[1] & 0x3F, "three frames in it, packet " + i);
                assertEquals(48 * 20 * frames, decoder.decode(payload, 0, payload.length, pcmOut, 0),
                        "60 ms decoded, packet " + i);
                if (i > 0) {
                    assertEquals(48L * 20 * frames, timestamps.get(i) - timestamps.get(i - 1), "60 ms apart");
                }
            }
        }
    }

    /**
     * Decision 0089's two halves together: a TMMBR's overhead counts per packet we send (RFC 5104
     * §4.2.1.1), and at maxprate 25 we send 25 Opus packets a second, not 50: MxTBR 28 000 with 40
     * bytes leaves 28 000 - 8 x 40 x 25 = 20 000 bit/s of Opus, where one frame a packet leaves 12 000.
     */
    @Test
    void aTmmbrsOverheadIsCountedAtThePacketRateMaxprateLeaves() throws Exception {
        UdpPeer peer = pcmToPeer(p -> p.sdp("audio", "RTP/AVPF", "111", "rtpmap:111 opus/48000/2",
                "rtcp-fb:111 ccm tmmbr", "maxprate:25"), 10);
        byte[] first = UdpPeer.receive(peer.rtp);
        RtpPacket p = new RtpPacket();
        assertTrue(first != null && p.wrap(first, 0, first.length), "Opus reached the peer");
        byte[] b = new byte[64];
        int n = org.webims.media.rtp.RtcpWriter.writeTmmbr(b, 0, 0x7777, new int[] {p.ssrc()}, new long[] {28_000},
                new int[] {40}, 1);
        UdpPeer.send(peer.rtcp, b, n, ours.localRtpPort(MediaType.AUDIO) + 1);
        long packets = 50 / (int) Math.ceil(50.0 / 25);
        long expected = 28_000 - 8 * 40 * packets;
        sendPcm(10, 40); // the encoder takes a limit before its next frame
        MediaFixture.await("the Opus target at MxTBR less 25 packets' overhead",
                () -> adapters.totals().getOrDefault("encode.targetBitrate", 0L) == expected);
        assertEquals(20_000, expected);
    }
}
