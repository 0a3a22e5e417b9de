package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * A call for the tests of what our Opus encoder hears from its receiver: 16 kHz speech-like PCM
 * paced in real time into an RtpEndpoint, transcoded by the engine to Opus toward a plain UDP peer
 * that records what it receives (per phase the test sets) and sends receiver reports stating
 * {@link #fraction} (1/256) about our stream every 250 ms from its SSRC {@link #REPORTER_SSRC}.
 */
final class OpusToPeerCall implements AutoCloseable {

    static final int FRAME = 320; // 20 ms at 16 kHz
    static final int REPORTER_SSRC = 4321;

    /** One packet the peer received: in which phase, its payload's size, and whether it carried LBRR. */
    record Received(int phase, int payloadBytes, boolean lbrr) { }

    final CodecFormatAdapterFactory adapters = new CodecFormatAdapterFactory();
    final MediaFixture fx;
    final RtpEndpoint endpoint;
    final UdpPeer peer;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger fraction = new AtomicInteger();
    final AtomicInteger phase = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicBoolean running = new AtomicBoolean(true);
    volatile int ourSsrc;

    /** {@code fmtp}: the peer's Opus parameters, or null for none. */
    OpusToPeerCall(RtpEndpointSettings settings, String fmtp) throws Exception {
        fx = new MediaFixture(adapters);
        MediaPipeline pipeline = fx.pipeline();
        endpoint = fx.endpoint(pipeline, settings);
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
                    received.add(new Received(phase.get(), p.payloadLength(),
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
                int n = RtcpWriter.writeReceiverReport(rr, 0, REPORTER_SSRC, new ReportBlock[] {block}, 1);
                UdpPeer.send(peer.rtcp, rr, n, endpoint.localRtpPort(MediaType.AUDIO) + 1);
            }
            return null;
        });
    }

    /** The transcoder's counters (there is one: PCM to Opus). */
    Map<String, Long> counters() {
        return adapters.totals();
    }

    long lbrr(int inPhase) {
        return received.stream().filter(r -> r.phase() == inPhase && r.lbrr()).count();
    }

    long packets(int inPhase) {
        return received.stream().filter(r -> r.phase() == inPhase).count();
    }

    /**
     * The Opus payload rate the peer received in {@code inPhase}, bits/s, over its packets after the
     * first {@code skip} (those may have been encoded before the phase's change took effect); one
     * packet is 20 ms of audio (no DTX: the peer did not ask for usedtx).
     */
    long payloadBitsPerSecond(int inPhase, int skip) {
        List<Received> in = received.stream().filter(r -> r.phase() == inPhase).skip(skip).toList();
        long bytes = in.stream().mapToLong(Received::payloadBytes).sum();
        return in.isEmpty() ? 0 : bytes * 8 * 50 / in.size();
    }

    @Override
    public void close() throws Exception {
        running.set(false);
        threads.shutdown();
        threads.awaitTermination(5, TimeUnit.SECONDS);
        fx.close();
        adapters.close();
    }
}
