package org.webims.webrtc;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.webims.media.endpoint.rtp.RtpEndpoint;
import org.webims.media.endpoint.rtp.RtpEndpointContext;
import org.webims.media.endpoint.rtp.RtpEndpointSettings;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.sdp.Direction;
import org.webims.media.srtp.DtlsSrtpKeys;
import org.webims.media.srtp.SrtpMasterKey;
import org.webims.media.transport.MediaIoLoop;
import org.webims.media.transport.PortRange;
import org.webims.media.transport.UdpPortAllocator;
import org.webims.webrtc.dtls.DtlsCertificate;
import org.webims.webrtc.dtls.DtlsSession;
import org.webims.webrtc.event.DtlsConnectionStateChange;
import org.webims.webrtc.media.WebRtcMediaSession;

/**
 * The srtp-relay bench's relay under test, in this JVM: per call one pipeline, WebRtcEndpoint
 * (SRTP, keyed by a real ICE check and DTLS handshake with a scripted peer) <-> RtpEndpoint (plain
 * RTP), on one media I/O thread. Its process is this JVM; its relaying threads the media I/O ones.
 */
final class OurRelay extends RelaySubject {

    private static final String IO_THREADS = "media-io-";

    private final MediaEngine engine;
    private final MediaIoLoop loop;
    private final ExecutorService handshakes;
    private final List<WebRtcEndpoint> webrtcs = new ArrayList<>();
    private final List<RtpEndpoint> imss = new ArrayList<>();
    private final long gatherMicros;
    private final long pid = ProcessHandle.current().pid();
    private final Map<String, long[]> threadsInWindows = new LinkedHashMap<>();
    // at the start of the current window: the loop's counters, the I/O threads' {user, system, switches}, all threads
    private long datagrams;
    private long emptyReads;
    private long rounds;
    private long naps;
    private long readable;
    private long batched;
    private long[] io = new long[3];
    private Map<String, long[]> threads = Map.of();

    /** Sets up {@code calls} calls; the load generator's ports are taken from above the relay's range. */
    OurRelay(int calls) throws Exception {
        super("ours");
        engine = new MediaEngine(MediaEngineSettings.defaults(), FormatAdapterFactory.NONE);
        // -Dsrtp-relay.gather-micros=0 turns the I/O thread's gathering off, for comparison (decision 0017)
        gatherMicros = Long.getLong("srtp-relay.gather-micros", MediaIoLoop.DEFAULT_GATHER_NANOS / 1000);
        // -Dsrtp-relay.io-threads=N: the product's default is one per core (media.io-threads = 0)
        loop = new MediaIoLoop(Integer.getInteger("srtp-relay.io-threads", 1), "media-io", gatherMicros * 1000);
        handshakes = Executors.newCachedThreadPool();
        // below the ephemeral range: a port our peer frees for the load generator is not taken meanwhile
        int start = 16000 + 2 * new Random().nextInt(1000);
        UdpPortAllocator ports = new UdpPortAllocator(SrtpRelayBench.LOOPBACK,
                new PortRange(start, start + 8 * calls + 99), 4 << 20);
        SrtpRelayBench.loadPortsFrom(start + 8 * calls + 100);
        DtlsCertificate certificate = DtlsCertificate.generate(Duration.ofDays(1));
        WebRtcEndpointContext context = WebRtcEndpointContext.of(ports, loop, certificate, handshakes);
        // consent (RFC 7675) would lapse after 30 s without the checks a browser keeps sending; the load generator sends none
        WebRtcEndpointSettings settings = new WebRtcEndpointSettings(Duration.ofMinutes(10), Duration.ofSeconds(30),
                2_500_000, Duration.ofMillis(500), Direction.SENDRECV, Direction.INACTIVE,
                org.webims.webrtc.congestion.SendBitrate.defaults());
        List<Future<String>> connecting = new ArrayList<>();
        ExecutorService setup = Executors.newFixedThreadPool(8); // DTLS handshakes take a while; do them side by side
        for (int i = 0; i < calls; i++) {
            MediaPipeline pipeline = engine.createPipeline();
            WebRtcEndpoint webrtc = new WebRtcEndpoint(pipeline, context, settings);
            RtpEndpoint ims = new RtpEndpoint(pipeline, RtpEndpointContext.of(ports, loop),
                    RtpEndpointSettings.defaults());
            webrtc.connect(ims);
            ims.connect(webrtc);
            webrtcs.add(webrtc);
            imss.add(ims);
            connecting.add(setup.submit(() -> connectCall(pipeline, context, settings, certificate, webrtc, ims)));
        }
        for (Future<String> f : connecting) {
            legs.addAll(List.of(f.get().split(" ")));
        }
        setup.shutdown();
    }

    /** One call's WebRTC leg set up for real (ICE check, DTLS-SRTP) and its RTP leg negotiated: the load generator's two legs. */
    private String connectCall(MediaPipeline pipeline, WebRtcEndpointContext context, WebRtcEndpointSettings settings,
            DtlsCertificate certificate, WebRtcEndpoint webrtc, RtpEndpoint ims) throws Exception {
        List<DtlsConnectionStateChange> dtls = new CopyOnWriteArrayList<>();
        pipeline.addEventListener(e -> {
            if (e instanceof DtlsConnectionStateChange d) {
                dtls.add(d);
            }
        });
        // the browser's side: our own offer (audio only) stands in for its SDP
        WebRtcEndpoint offerer = new WebRtcEndpoint(engine.createPipeline(), context, settings);
        String answer = webrtc.processOffer(offerer.generateOffer());
        ScriptedBrowser peer = new ScriptedBrowser(SrtpRelayBench.loadPort());
        peer.connect(webrtc, offerer.iceCredentials().ufrag(), answer, certificate, handshakes);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (dtls.stream().noneMatch(d -> d.state() == DtlsSession.State.CONNECTED)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the endpoint did not report DTLS connected");
            }
            Thread.sleep(5);
        }
        offerer.release();
        DtlsSrtpKeys keys = peer.keys();
        int peerPort = peer.localAddress().getPort();
        peer.releaseSocket();
        int opus = Integer.parseInt(SrtpRelayBench.find(answer, "a=rtpmap:(\\d+) opus/48000/2"));
        int imsPeerPort = SrtpRelayBench.loadPort();
        ims.processOffer(SrtpRelayBench.plainSdp(imsPeerPort));
        int imsPort = ims.localRtpPort(MediaType.AUDIO);
        HexFormat hex = HexFormat.of();
        SrtpMasterKey tx = keys.local();
        SrtpMasterKey rx = keys.remote();
        return peerPort + "," + webrtc.localPort() + "," + opus + "," + tx.profile().sdesName() + ","
                + hex.formatHex(tx.key()) + "," + hex.formatHex(tx.salt()) + "," + hex.formatHex(rx.key()) + ","
                + hex.formatHex(rx.salt()) + " " + imsPeerPort + "," + imsPort + ",111";
    }

    @Override
    long pid() {
        return pid;
    }

    long gatherMicros() {
        return gatherMicros;
    }

    String mediaIo() {
        return loop.kind().name().toLowerCase(Locale.ROOT);
    }

    @Override
    long relayThreadTicks() throws IOException {
        long[] t = ProcCpu.threads(pid, IO_THREADS);
        return t[0] + t[1];
    }

    @Override
    void windowStarts() throws IOException {
        datagrams = loop.datagrams();
        emptyReads = loop.emptyReads();
        rounds = loop.rounds();
        naps = loop.naps();
        readable = loop.readableChannels();
        batched = loop.batchedSends();
        io = ProcCpu.threads(pid, IO_THREADS);
        threads = ProcCpu.threadTicks(pid);
    }

    @Override
    void windowEnded(RelayWindow w) throws IOException {
        long[] ioNow = ProcCpu.threads(pid, IO_THREADS);
        ProcCpu.addDelta(threadsInWindows, threads, ProcCpu.threadTicks(pid));
        long d = loop.datagrams() - datagrams;
        w.emptyReadsPerDatagram = d == 0 ? 0 : (loop.emptyReads() - emptyReads) / (double) d;
        long r = loop.rounds() - rounds;
        w.datagramsPerRound = r == 0 ? 0 : d / (double) r;
        w.napsPerRound = r == 0 ? 0 : (loop.naps() - naps) / (double) r;
        w.batchedSendsPerDatagram = d == 0 ? 0 : (loop.batchedSends() - batched) / (double) d;
        long rs = loop.readableChannels() - readable;
        w.datagramsPerReadableSocket = rs == 0 ? 0 : d / (double) rs;
        if (w.measured > 0) {
            w.ioUserMicrosPerPacket = (ioNow[0] - io[0]) * 1e6 / ProcCpu.CLK_TCK / w.measured;
            w.ioSystemMicrosPerPacket = (ioNow[1] - io[1]) * 1e6 / ProcCpu.CLK_TCK / w.measured;
            w.ioSwitchesPerPacket = (ioNow[2] - io[2]) / (double) w.measured;
        }
    }

    /** The threads of this JVM that used the most CPU over all of ours' measured windows. */
    String busiestThreads() {
        return ProcCpu.busiest(threadsInWindows);
    }

    @Override
    String counters() {
        long forwarded = 0;
        long srtpFailed = 0;
        long rtpIn = 0;
        long rtpOut = 0;
        long srtpOut = 0;
        for (int i = 0; i < webrtcs.size(); i++) {
            WebRtcMediaSession.Stats w = webrtcs.get(i).mediaStats();
            forwarded += w.forwarded();
            srtpFailed += w.droppedUnprotect();
            srtpOut += w.audioSent();
            Map<String, Long> s = imss.get(i).getStats();
            rtpIn += s.get("audio.rtpPacketsReceived");
            rtpOut += s.get("audio.rtpPacketsSent");
        }
        return String.format("SRTP in and forwarded %d (unprotect failed %d), SRTP out %d; RTP in %d, RTP out %d;"
                + " I/O handler failures %d", forwarded, srtpFailed, srtpOut, rtpIn, rtpOut, loop.handlerFailures());
    }

    @Override
    public void close() throws Exception {
        engine.close();
        loop.close();
        handshakes.shutdownNow();
    }
}
