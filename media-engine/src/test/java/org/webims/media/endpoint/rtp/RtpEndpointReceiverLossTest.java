package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.codec.Tones;
import org.webims.media.codec.opus.OpusLbrr;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.ReportBlock;
import org.webims.media.rtp.RtcpWriter;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.transcode.CodecFormatAdapterFactory;
import org.webims.media.transcode.Paced;

/**
 * The loss a peer's receiver reports reaches the Opus encoder that feeds it (issue 4, issue 5
 * "Opus (useinbandfec)"). A source of 16 kHz PCM, speech-like, is transcoded to Opus toward a plain
 * UDP peer that sends receiver reports (RFC 3550 §6.4.1) about our stream: first stating no loss,
 * then about 20 %. The encoder's expected loss follows the smoothed reports (read from the
 * transcoder's counters), and what the peer receives carries in-band FEC, the LBRR flag of the
 * SILK layer (RFC 6716 §4.2.3), only once loss is reported and only if the peer's SDP asked for it
 * (useinbandfec=1, RFC 7587 §6.1).
 */
class RtpEndpointReceiverLossTest {

    static final int FRAME = 320; // 20 ms at 16 kHz
    static final int TWENTY_PERCENT = 51; // in 1/256

    final CodecFormatAdapterFactory adapters = new CodecFormatAdapterFactory();
    final MediaFixture fx;
    final ExecutorService threads = Executors.newCachedThreadPool();
    final AtomicBoolean running = new AtomicBoolean(true);

    RtpEndpointReceiverLossTest() throws Exception {
        fx = new MediaFixture(adapters);
    }

    @AfterEach
    void close() throws Exception {
        running.set(false);
        threads.shutdown();
        threads.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        fx.close();
        adapters.close();
    }

    /** One packet the peer received: when, and whether it carried LBRR. */
    record Received(int phase, boolean lbrr) { }

    /** A call: PCM paced into the endpoint, the peer receiving and reporting {@code fraction} (1/256) every 250 ms. */
    final class Call {
        final RtpEndpoint endpoint;
        final UdpPeer peer;
        final List<Received> received = new CopyOnWriteArrayList<>();
        final AtomicInteger fraction = new AtomicInteger();
        final AtomicInteger phase = new AtomicInteger();
        volatile int ourSsrc;

        Call(String fmtp) throws Exception {
            MediaPipeline pipeline = fx.pipeline();
            endpoint = fx.endpoint(pipeline, RtpEndpointMediaTest.AUDIO_ONLY);
            TestSource pcm = new TestSource(pipeline);
            pcm.connect(endpoint, MediaType.AUDIO);
            peer = fx.peer();
            String answer = fmtp == null
                    ? endpoint.processOffer(peer.sdp("audio", "RTP/AVP", "111", "rtpmap:111 opus/48000/2"))
                    : endpoint.processOffer(peer.sdp("audio", "RTP/AVP", "111", "rtpmap:111 opus/48000/2",
                            "fmtp:111 " + fmtp));
            assertTrue(answer.contains("opus/48000"), answer);
            short[] speech = Tones.speechLike(16_000, 50 * FRAME * 60);
            MediaFormat l16 = MediaFormat.pcm(16_000);
            threads.submit(() -> {
                byte[] frame = new byte[2 * FRAME];
                Paced.run(50 * 60, 20, n -> {
                    if (!running.get()) {
                        throw new IllegalStateException("the test ended"); // leaves Paced.run at once
                    }
                    for (int i = 0; i < FRAME; i++) {
                        short s = speech[n * FRAME + i];
                        frame[2 * i] = (byte) (s >> 8);
                        frame[2 * i + 1] = (byte) s;
                    }
                    pcm.send(l16, frame, n, (long) FRAME * n, 5);
                });
                return null;
            });
            threads.submit(() -> {
                RtpPacket p = new RtpPacket();
                peer.rtp.setSoTimeout(200);
                while (running.get()) {
                    byte[] d = UdpPeer.receive(peer.rtp);
                    if (d != null && p.wrap(d, 0, d.length)) {
                        ourSsrc = p.ssrc();
                        received.add(new Received(phase.get(),
                                OpusLbrr.present(d, p.payloadOffset(), p.payloadLength())));
                    }
                }
                return null;
            });
            threads.submit(() -> {
                ReportBlock block = new ReportBlock();
                byte[] rr = new byte[64];
                while (running.get()) {
                    Thread.sleep(250);
                    if (ourSsrc == 0) {
                        continue;
                    }
                    block.ssrc = ourSsrc;
                    block.fractionLost = fraction.get();
                    int n = RtcpWriter.writeReceiverReport(rr, 0, 4321, new ReportBlock[] {block}, 1);
                    UdpPeer.send(peer.rtcp, rr, n, endpoint.localRtpPort(MediaType.AUDIO) + 1);
                }
                return null;
            });
        }

        Map<String, Long> counters() {
            return adapters.totals();
        }

        long lbrr(int inPhase) {
            return received.stream().filter(r -> r.phase() == inPhase && r.lbrr()).count();
        }

        long packets(int inPhase) {
            return received.stream().filter(r -> r.phase() == inPhase).count();
        }
    }

    @Test
    void theReportedLossSetsTheOpusEncodersExpectedLossAndItsInBandFecReachesThePeer() throws Exception {
        Call call = new Call("minptime=10;useinbandfec=1");
        // no loss reported: FEC is on (the peer asked), but libopus adds no LBRR for 0 % expected loss
        MediaFixture.await("reports of no loss read", () -> call.endpoint.getStats()
                .getOrDefault("audio.receiverReportsReceived", 0L) >= 8 && call.packets(0) >= 100);
        Map<String, Long> before = call.counters();
        assertEquals(1L, before.get("encode.fec"), before.toString());
        assertEquals(0L, before.get("encode.lossPercent"), before.toString());
        assertEquals(0L, call.lbrr(0), "no LBRR while no loss is reported, of " + call.packets(0) + " packets");
        assertEquals(0L, before.get("encode.fecPackets"), before.toString());

        // about 20 % reported: the smoothed value (10 s time constant) climbs, the encoder follows it
        call.phase.set(1);
        call.fraction.set(TWENTY_PERCENT);
        MediaFixture.await("the encoder's expected loss rises", () -> call.counters().get("encode.lossPercent") >= 5);
        MediaFixture.await("LBRR reaches the peer", () -> call.lbrr(1) >= 20);
        Map<String, Long> after = call.counters();
        String figures = after + ", peer got " + call.lbrr(1) + " of " + call.packets(1) + " packets with LBRR";
        System.out.println("receiver loss -> Opus: " + figures);
        assertTrue(after.get("encode.lossPercent") <= 20, "never more than 20 % expected: " + figures);
        assertTrue(after.get("encode.fecPackets") >= call.lbrr(1), figures);
        assertTrue(after.get("encode.lossUpdates") >= 2, "it followed the smoothed value up: " + figures);
        assertTrue(after.get("encode.targetBitrate") > 0, figures);
    }

    @Test
    void withoutUseinbandfecTheLossIsExpectedButNoFecIsSent() throws Exception {
        Call call = new Call(null);
        call.phase.set(1);
        call.fraction.set(TWENTY_PERCENT);
        MediaFixture.await("the encoder's expected loss rises", () -> call.packets(1) > 0
                && call.counters().get("encode.lossPercent") >= 5);
        Map<String, Long> c = call.counters();
        assertEquals(0L, c.get("encode.fec"), c.toString());
        assertEquals(0L, c.get("encode.fecPackets"), c.toString());
        assertEquals(0L, call.lbrr(1), "no LBRR without useinbandfec=1, of " + call.packets(1) + " packets");
    }
}
