package org.webims.webrtc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * bin/bench srtp-relay: the gateway's relay without transcoding, WebRtcEndpoint (SRTP, one I/O
 * thread) <-> RtpEndpoint (plain RTP) in one pipeline, Opus both sides, against rtpengine's
 * userspace plain-RTP forwarding at the same offered load. The WebRTC leg is set up for real (ICE
 * check, DTLS-SRTP) by a scripted peer in this process, which then frees its socket and hands the
 * address and the DTLS-derived SRTP keys to the load generator ({@link SrtpRelayLoad}), a process
 * of its own. Packets per second per core = packets the load generator got back in the measured
 * window / CPU seconds the relay process (ours: this JVM; rtpengine: its daemon; the floor: its
 * process) used in it.
 *
 * <p>The third subject, the floor ({@code bench/relay-floor.c}, decision 0044), is a zero-work
 * plain-UDP forwarder in C with batched system calls, driven by the same load generator exactly as
 * rtpengine is: what it costs per packet is what the kernel leaves to any userspace relay here.
 *
 * <p>Usage: {@code SrtpRelayBench OFFERED_PPS CALLS WARMUP_S SECONDS [RTPENGINE_NG_PORT RTPENGINE_PID
 * [FLOOR_BINARY]]}: the offered packets per second are spread evenly over the calls' two directions.
 */
public final class SrtpRelayBench {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final long CLK_TCK = 100; // USER_HZ, fixed at 100 on Linux for /proc/PID/stat

    public static void main(String[] args) throws Exception {
        int total = Integer.parseInt(args[0]);
        int calls = Integer.parseInt(args[1]);
        double warmup = Double.parseDouble(args[2]);
        double seconds = Double.parseDouble(args[3]);
        int ngPort = args.length > 5 ? Integer.parseInt(args[4]) : -1;
        long rtpenginePid = args.length > 5 ? Long.parseLong(args[5]) : -1;
        String floorBinary = args.length > 6 ? args[6] : null;
        double rate = total / (2.0 * calls); // per leg: each call has two, one each way
        long self = ProcessHandle.current().pid();

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("offered_pps", total);
        json.put("calls", calls);
        json.put("payload_bytes", SrtpRelayLoad.PAYLOAD);
        Run ours = runOurs(calls, rate, warmup, seconds, self);
        double pps = ours.ppsPerCore();
        System.out.printf("ours: %s%n  %d packets relayed back in %.1f s using %.2f CPU s -> %.0f packets/s per core (loss %.3f%%)%n",
                ours.load, ours.measured, ours.wallSeconds, ours.cpuSeconds, pps, ours.lossPercent());
        System.out.println("  " + ours.relay);
        System.out.println("  busiest threads of ours in the window: " + ours.threads);
        System.err.printf("ours: I/O threads %.2f user / %.2f system us per packet; process %s%n",
                ours.ioUserMicrosPerPacket, ours.ioSystemMicrosPerPacket, ours.split());
        json.put("pps_per_core", Math.round(pps));
        json.put("loss_percent", round3(ours.lossPercent()));
        json.put("total_loss_percent", round3(ours.totalLossPercent()));
        json.put("cpu_percent", Math.round(100 * ours.cpuSeconds / ours.wallSeconds));
        json.put("empty_receives_per_datagram", round3(ours.emptyReadsPerDatagram));
        json.put("datagrams_per_wakeup", round3(ours.datagramsPerRound));
        json.put("naps_per_wakeup", round3(ours.napsPerRound));
        // the I/O threads' own figures per packet relayed back: the steadiest ones on a shared machine
        json.put("io_context_switches_per_packet", round3(ours.ioSwitchesPerPacket));
        json.put("io_user_us_per_packet", round3(ours.ioUserMicrosPerPacket));
        json.put("io_system_us_per_packet", round3(ours.ioSystemMicrosPerPacket));
        json.put("datagrams_per_readable_socket", round3(ours.datagramsPerReadableSocket));
        json.put("gather_micros", ours.gatherMicros);
        json.put("media_io", ours.mediaIo); // -Dwebims.media.io=nio|io_uring to compare (decision 0020)
        json.put("batched_sends_per_datagram", round3(ours.batchedSendsPerDatagram));
        json.put("relayed_pps", Math.round(ours.measured / ours.wallSeconds));
        json.put("keying", "DTLS-SRTP done in-process, keys handed to the load generator");
        double rpps = 0;
        if (ngPort > 0) {
            Run theirs = runRtpengine(calls, rate, warmup, seconds, ngPort, rtpenginePid);
            rpps = theirs.ppsPerCore();
            System.out.printf("rtpengine (userspace, no kernel table): %s%n  %d packets relayed back in %.1f s using %.2f CPU s -> %.0f packets/s per core (loss %.3f%%)%n",
                    theirs.load, theirs.measured, theirs.wallSeconds, theirs.cpuSeconds, rpps, theirs.lossPercent());
            System.err.println("rtpengine: process " + theirs.split());
            json.put("rtpengine_pps_per_core", Math.round(rpps));
            // rtpengine relaying nothing (it gives up on sockets it could not drain): no ratio, not a huge one
            json.put("ratio_to_rtpengine", rpps > 0 ? round3(pps / rpps) : null);
            json.put("rtpengine_loss_percent", round3(theirs.lossPercent()));
            json.put("rtpengine_legs_silent", field(theirs.load, "legs_silent_in_window"));
            json.put("rtpengine_cpu_percent", Math.round(100 * theirs.cpuSeconds / theirs.wallSeconds));
        } else {
            json.put("rtpengine_pps_per_core", null);
            json.put("ratio_to_rtpengine", null);
        }
        if (floorBinary != null) {
            Run floor = runFloor(calls, rate, warmup, seconds, floorBinary, ours.gatherMicros);
            double fpps = floor.ppsPerCore();
            System.out.printf("floor (bench/relay-floor.c: zero work, recvmmsg/sendmmsg over epoll): %s%n  %d packets relayed back in %.1f s using %.2f CPU s -> %.0f packets/s per core (loss %.3f%%)%n  %s%n",
                    floor.load, floor.measured, floor.wallSeconds, floor.cpuSeconds, fpps, floor.lossPercent(), floor.relay);
            System.err.println("floor: process " + floor.split());
            json.put("floor_pps_per_core", Math.round(fpps));
            json.put("floor_loss_percent", round3(floor.lossPercent()));
            // about the largest ratio to rtpengine a userspace relay could reach here (on io_uring a little more: 0044), and how near ours is
            json.put("ratio_floor_to_rtpengine", fpps > 0 && rpps > 0 ? round3(fpps / rpps) : null);
            json.put("ratio_to_floor", fpps > 0 ? round3(pps / fpps) : null);
        } else {
            json.put("floor_pps_per_core", null);
            json.put("ratio_floor_to_rtpengine", null);
            json.put("ratio_to_floor", null);
        }
        json.put("goal_pps_per_core", 150000);
        json.put("loadavg", Files.readString(Path.of("/proc/loadavg")).trim());
        StringBuilder line = new StringBuilder("{");
        for (Map.Entry<String, Object> e : json.entrySet()) {
            if (line.length() > 1) {
                line.append(", ");
            }
            Object v = e.getValue();
            line.append('"').append(e.getKey()).append("\": ")
                    .append(v instanceof String ? "\"" + v + "\"" : String.valueOf(v));
        }
        System.out.println(line.append('}'));
        System.exit(0); // the engine's and the handshake pool's threads
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** The relay under test: per call one pipeline, WebRtcEndpoint <-> RtpEndpoint, driven by the load generator. */
    static Run runOurs(int calls, double rate, double warmup, double seconds, long self) throws Exception {
        MediaEngine engine = new MediaEngine(MediaEngineSettings.defaults(), FormatAdapterFactory.NONE);
        // -Dsrtp-relay.gather-micros=0 turns the I/O thread's gathering off, for comparison (decision 0017)
        long gatherMicros = Long.getLong("srtp-relay.gather-micros", MediaIoLoop.DEFAULT_GATHER_NANOS / 1000);
        // -Dsrtp-relay.io-threads=N: the product's default is one per core (media.io-threads = 0)
        MediaIoLoop loop = new MediaIoLoop(Integer.getInteger("srtp-relay.io-threads", 1), "media-io",
                gatherMicros * 1000);
        ExecutorService handshakes = Executors.newCachedThreadPool();
        // below the ephemeral range: a port our peer frees for the load generator is not taken meanwhile
        int start = 16000 + 2 * new java.util.Random().nextInt(1000);
        UdpPortAllocator ports = new UdpPortAllocator(LOOPBACK, new PortRange(start, start + 8 * calls + 99), 4 << 20);
        nextLoadPort = start + 8 * calls + 100;
        DtlsCertificate certificate = DtlsCertificate.generate(Duration.ofDays(1));
        WebRtcEndpointContext context = WebRtcEndpointContext.of(ports, loop, certificate, handshakes);
        // consent (RFC 7675) would lapse after 30 s without the checks a browser keeps sending; the load generator sends none
        WebRtcEndpointSettings settings = new WebRtcEndpointSettings(Duration.ofMinutes(10), Duration.ofSeconds(30),
                2_500_000, Duration.ofMillis(500), Direction.SENDRECV, Direction.INACTIVE);
        List<WebRtcEndpoint> webrtcs = new ArrayList<>();
        List<RtpEndpoint> imss = new ArrayList<>();
        List<java.util.concurrent.Future<String>> connecting = new ArrayList<>();
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
            connecting.add(setup.submit(() -> connectCall(engine, pipeline, context, settings, certificate, handshakes,
                    webrtc, ims)));
        }
        List<String> legs = new ArrayList<>();
        for (java.util.concurrent.Future<String> f : connecting) {
            legs.addAll(List.of(f.get().split(" ")));
        }
        setup.shutdown();
        long datagramsBefore = loop.datagrams();
        long emptyBefore = loop.emptyReads();
        long roundsBefore = loop.rounds();
        long napsBefore = loop.naps();
        long readableBefore = loop.readableChannels();
        long batchedBefore = loop.batchedSends();
        Run run = drive(rate, warmup, seconds, self, legs, true);
        long datagrams = loop.datagrams() - datagramsBefore;
        run.emptyReadsPerDatagram = datagrams == 0 ? 0 : (loop.emptyReads() - emptyBefore) / (double) datagrams;
        long rounds = loop.rounds() - roundsBefore;
        run.datagramsPerRound = rounds == 0 ? 0 : datagrams / (double) rounds;
        run.napsPerRound = rounds == 0 ? 0 : (loop.naps() - napsBefore) / (double) rounds;
        run.gatherMicros = gatherMicros;
        run.mediaIo = loop.kind().name().toLowerCase(java.util.Locale.ROOT);
        run.batchedSendsPerDatagram = datagrams == 0 ? 0 : (loop.batchedSends() - batchedBefore) / (double) datagrams;
        long readable = loop.readableChannels() - readableBefore;
        run.datagramsPerReadableSocket = readable == 0 ? 0 : datagrams / (double) readable;
        long forwarded = 0;
        long srtpFailed = 0;
        long rtpIn = 0;
        long rtpOut = 0;
        long srtpOut = 0;
        for (int i = 0; i < calls; i++) {
            WebRtcMediaSession.Stats w = webrtcs.get(i).mediaStats();
            forwarded += w.forwarded();
            srtpFailed += w.droppedUnprotect();
            srtpOut += w.audioSent();
            Map<String, Long> s = imss.get(i).getStats();
            rtpIn += s.get("audio.rtpPacketsReceived");
            rtpOut += s.get("audio.rtpPacketsSent");
        }
        run.relay = String.format("SRTP in and forwarded %d (unprotect failed %d), SRTP out %d; RTP in %d, RTP out %d;"
                + " I/O handler failures %d", forwarded, srtpFailed, srtpOut, rtpIn, rtpOut, loop.handlerFailures());
        engine.close();
        loop.close();
        handshakes.shutdownNow();
        return run;
    }

    /** One call's WebRTC leg set up for real (ICE check, DTLS-SRTP) and its RTP leg negotiated: the load generator's two legs. */
    static String connectCall(MediaEngine engine, MediaPipeline pipeline, WebRtcEndpointContext context,
            WebRtcEndpointSettings settings, DtlsCertificate certificate, ExecutorService handshakes,
            WebRtcEndpoint webrtc, RtpEndpoint ims) throws Exception {
        List<DtlsConnectionStateChange> dtls = new java.util.concurrent.CopyOnWriteArrayList<>();
        pipeline.addEventListener(e -> {
            if (e instanceof DtlsConnectionStateChange d) {
                dtls.add(d);
            }
        });
        // the browser's side: our own offer (audio only) stands in for its SDP
        WebRtcEndpoint offerer = new WebRtcEndpoint(engine.createPipeline(), context, settings);
        String answer = webrtc.processOffer(offerer.generateOffer());
        ScriptedBrowser peer = new ScriptedBrowser(loadPort());
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
        int opus = Integer.parseInt(find(answer, "a=rtpmap:(\\d+) opus/48000/2"));
        int imsPeerPort = loadPort();
        ims.processOffer(plainSdp(imsPeerPort));
        int imsPort = ims.localRtpPort(MediaType.AUDIO);
        HexFormat hex = HexFormat.of();
        SrtpMasterKey tx = keys.local();
        SrtpMasterKey rx = keys.remote();
        return peerPort + "," + webrtc.localPort() + "," + opus + "," + tx.profile().sdesName() + ","
                + hex.formatHex(tx.key()) + "," + hex.formatHex(tx.salt()) + "," + hex.formatHex(rx.key()) + ","
                + hex.formatHex(rx.salt()) + " " + imsPeerPort + "," + imsPort + ",111";
    }

    /** rtpengine (started by bench/srtp-relay.sh) forwarding plain RTP between the two legs of each call. */
    static Run runRtpengine(int calls, double rate, double warmup, double seconds, int ngPort, long pid) throws Exception {
        try (NgClient ng = new NgClient(ngPort)) {
            List<String> legs = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                int a = loadPort();
                int b = loadPort();
                String callId = "bench-" + i;
                String offer = ng.command("offer", callId, "from-a", null, plainSdp(a));
                String answer = ng.command("answer", callId, "from-a", "to-b", plainSdp(b));
                // A sends where B's answer, as rewritten for A, says; B where A's offer, rewritten for B, says
                legs.add(a + "," + find(answer, "m=audio (\\d+)") + ",111");
                legs.add(b + "," + find(offer, "m=audio (\\d+)") + ",111");
            }
            Run run = drive(rate, warmup, seconds, pid, legs, false);
            for (int i = 0; i < calls; i++) {
                ng.command("delete", "bench-" + i, "from-a", null, null);
            }
            return run;
        }
    }

    /**
     * The floor: bench/relay-floor.c (built by bench/srtp-relay.sh) started here with the far ends'
     * ports, as rtpengine is told them by offer and answer; it prints the ports it bound per call.
     * It inherits this JVM's CPU affinity (SRTP_RELAY_PIN) and ends when its standard input closes.
     */
    static Run runFloor(int calls, double rate, double warmup, double seconds, String binary, long gatherMicros)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(binary, Long.toString(gatherMicros)));
        for (int i = 0; i < 2 * calls; i++) {
            cmd.add(Integer.toString(loadPort()));
        }
        Process floor = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread reaper = new Thread(floor::destroyForcibly, "relay-floor-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(floor.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> legs = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String[] ports = out.readLine().split(" "); // A's and B's socket: each far end sends to its own
                legs.add(cmd.get(2 + 2 * i) + "," + ports[0] + ",111");
                legs.add(cmd.get(3 + 2 * i) + "," + ports[1] + ",111");
            }
            if (!"ready".equals(out.readLine())) {
                throw new IllegalStateException("relay-floor did not start");
            }
            Run run = drive(rate, warmup, seconds, floor.pid(), legs, false);
            floor.getOutputStream().close();
            run.relay = String.valueOf(out.readLine()); // its counters
            return run;
        } finally {
            if (!floor.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                floor.destroyForcibly();
            }
            Runtime.getRuntime().removeShutdownHook(reaper);
        }
    }

    static String plainSdp(int port) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 111\r\na=rtpmap:111 opus/48000/2\r\na=sendrecv\r\n";
    }

    /** What one run measured. */
    static final class Run {
        String load;
        String relay = "";
        double emptyReadsPerDatagram;
        double datagramsPerRound;
        double napsPerRound;
        double ioSwitchesPerPacket;
        double ioUserMicrosPerPacket;
        double ioSystemMicrosPerPacket;
        long gatherMicros;
        double datagramsPerReadableSocket;
        String mediaIo;
        double batchedSendsPerDatagram;
        long sent;
        long measuredSent;
        long received;
        long measured;
        double wallSeconds;
        double cpuSeconds;
        double userMicrosPerPacket; // the whole relay process, from /proc/PID/stat
        double systemMicrosPerPacket;
        String threads = "";

        String split() {
            return String.format("%.2f user / %.2f system us per packet", userMicrosPerPacket, systemMicrosPerPacket);
        }

        double ppsPerCore() { return cpuSeconds <= 0 ? 0 : measured / cpuSeconds; }
        /** Loss in the measured window (warm-up and JIT compilation excluded). */
        double lossPercent() {
            return measuredSent == 0 ? 100 : 100.0 * Math.max(0, measuredSent - measured) / measuredSent;
        }

        double totalLossPercent() { return sent == 0 ? 100 : 100.0 * Math.max(0, sent - received) / sent; }
    }

    /** Starts the load generator on the other core, and reads the relay's CPU time over the measured window. */
    static Run drive(double rate, double warmup, double seconds, long relayPid, List<String> legs, boolean threads)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        String cpu = System.getenv("SRTP_RELAY_LOAD_CPU");
        if (cpu != null && !cpu.isEmpty()) {
            cmd.addAll(List.of("taskset", "-c", cpu));
        }
        // the load generator's SRTP on the JDK's GHASH intrinsic whatever the relay uses: its CPU is not measured
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "--add-opens", "java.base/com.sun.crypto.provider=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), SrtpRelayLoad.class.getName(),
                Double.toString(rate), Double.toString(warmup), Double.toString(seconds)));
        cmd.addAll(legs);
        Process load = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread reaper = new Thread(load::destroyForcibly, "load-generator-reaper"); // no stray load if we are stopped
        Runtime.getRuntime().addShutdownHook(reaper);
        Run run = new Run();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(load.getInputStream(), StandardCharsets.UTF_8))) {
            long[] cpuAtMeasure = new long[2];
            long nanosAtMeasure = 0;
            Map<String, long[]> threadsAtMeasure = Map.of();
            long[] ioAtMeasure = new long[3];
            for (String l; (l = out.readLine()) != null; ) {
                if (l.equals("measure")) {
                    cpuAtMeasure = cpuTicks(relayPid);
                    nanosAtMeasure = System.nanoTime();
                    threadsAtMeasure = threads ? threadTicks(relayPid) : Map.of();
                    ioAtMeasure = threads ? ioThreads(relayPid) : ioAtMeasure;
                } else if (l.startsWith("result ")) {
                    long[] ticks = cpuTicks(relayPid);
                    run.cpuSeconds = (ticks[0] + ticks[1] - cpuAtMeasure[0] - cpuAtMeasure[1]) / (double) CLK_TCK;
                    run.wallSeconds = (System.nanoTime() - nanosAtMeasure) / 1e9;
                    if (threads) {
                        run.threads = busiest(threadsAtMeasure, threadTicks(relayPid));
                    }
                    run.load = l.substring(7);
                    run.sent = field(run.load, "sent");
                    run.received = field(run.load, "received");
                    run.measured = field(run.load, "measured_received");
                    run.measuredSent = field(run.load, "measured_sent");
                    if (run.measured > 0) {
                        run.userMicrosPerPacket = (ticks[0] - cpuAtMeasure[0]) * 1e6 / CLK_TCK / run.measured;
                        run.systemMicrosPerPacket = (ticks[1] - cpuAtMeasure[1]) * 1e6 / CLK_TCK / run.measured;
                    }
                    if (threads && run.measured > 0) {
                        long[] io = ioThreads(relayPid);
                        run.ioUserMicrosPerPacket = (io[0] - ioAtMeasure[0]) * 1e6 / CLK_TCK / run.measured;
                        run.ioSystemMicrosPerPacket = (io[1] - ioAtMeasure[1]) * 1e6 / CLK_TCK / run.measured;
                        run.ioSwitchesPerPacket = (io[2] - ioAtMeasure[2]) / (double) run.measured;
                    }
                }
            }
        } finally {
            if (!load.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                load.destroyForcibly();
            }
            Runtime.getRuntime().removeShutdownHook(reaper);
        }
        if (run.load == null) {
            throw new IllegalStateException("the load generator gave no result (exit " + load.exitValue() + ")");
        }
        return run;
    }

    static long field(String json, String name) {
        return Long.parseLong(find(json, "\"" + name + "\":(\\d+)"));
    }

    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in " + text);
        }
        return m.group(1);
    }

    private static int nextLoadPort = 30000 + 2 * new java.util.Random().nextInt(1000);

    /** A free port for the load generator, outside the ephemeral range and the relay's range. */
    static synchronized int loadPort() throws IOException {
        for (int i = 0; i < 1000; i++) {
            int port = nextLoadPort++;
            try (DatagramChannel c = DatagramChannel.open()) {
                c.bind(new InetSocketAddress(LOOPBACK, port));
                return port;
            } catch (java.net.BindException taken) {
                // next one
            }
        }
        throw new IOException("no free port for the load generator");
    }

    /** {utime, stime} of a process, all threads (proc(5)). */
    static long[] cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])}; // fields 14 and 15
    }

    /** Per thread name: {user, system} clock ticks. */
    static Map<String, long[]> threadTicks(long pid) throws IOException {
        Map<String, long[]> out = new LinkedHashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long[] v = out.computeIfAbsent(name, k -> new long[2]);
                    v[0] += Long.parseLong(f[11]);
                    v[1] += Long.parseLong(f[12]);
                } catch (IOException gone) {
                    // the thread ended
                }
            }
        }
        return out;
    }

    /** Over the media I/O threads ("media-io-N"): user and system clock ticks, context switches (proc(5)). */
    static long[] ioThreads(long pid) throws IOException {
        long[] out = new long[3];
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    if (!stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith("media-io-")) {
                        continue;
                    }
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out[0] += Long.parseLong(f[11]);
                    out[1] += Long.parseLong(f[12]);
                    for (String line : Files.readAllLines(t.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            out[2] += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException gone) {
                    // the thread ended
                }
            }
        }
        return out;
    }

    static String busiest(Map<String, long[]> before, Map<String, long[]> after) {
        return after.entrySet().stream()
                .map(e -> {
                    long[] b = before.getOrDefault(e.getKey(), new long[2]);
                    return Map.entry(e.getKey(), new long[] {e.getValue()[0] - b[0], e.getValue()[1] - b[1]});
                })
                .filter(e -> e.getValue()[0] + e.getValue()[1] > 0)
                .sorted((x, y) -> Long.compare(y.getValue()[0] + y.getValue()[1], x.getValue()[0] + x.getValue()[1]))
                .limit(5)
                .map(e -> String.format("%s=%.2fs (user %.2f, system %.2f)", e.getKey(),
                        (e.getValue()[0] + e.getValue()[1]) / (double) CLK_TCK, e.getValue()[0] / (double) CLK_TCK,
                        e.getValue()[1] / (double) CLK_TCK))
                .reduce((x, y) -> x + ", " + y).orElse("");
    }

    /** rtpengine's ng control protocol: "cookie bencoded-dict" over UDP. */
    static final class NgClient implements AutoCloseable {
        private final DatagramChannel channel;
        private int cookie;

        NgClient(int port) throws IOException {
            channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress(LOOPBACK, 0));
            channel.connect(new InetSocketAddress(LOOPBACK, port));
            channel.socket().setSoTimeout(5000);
        }

        /** Sends a command and returns the SDP of the reply ("" when it has none); fails on result != ok. */
        String command(String command, String callId, String fromTag, String toTag, String sdp) throws IOException {
            StringBuilder d = new StringBuilder("d");
            d.append(bstr("call-id")).append(bstr(callId));
            d.append(bstr("command")).append(bstr(command));
            d.append(bstr("from-tag")).append(bstr(fromTag));
            if (sdp != null) {
                d.append(bstr("replace")).append("l").append(bstr("origin")).append(bstr("session-connection")).append("e");
                d.append(bstr("sdp")).append(bstr(sdp));
            }
            if (toTag != null) {
                d.append(bstr("to-tag")).append(bstr(toTag));
            }
            String c = "c" + (++cookie);
            channel.write(ByteBuffer.wrap((c + " " + d + "e").getBytes(StandardCharsets.UTF_8)));
            ByteBuffer in = ByteBuffer.allocate(65536);
            long deadline = System.nanoTime() + 5_000_000_000L;
            channel.configureBlocking(false);
            while (true) {
                in.clear();
                if (channel.read(in) > 0) {
                    String reply = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
                    if (!reply.startsWith(c + " ")) {
                        continue;
                    }
                    if (!reply.contains("6:result2:ok")) {
                        throw new IOException("rtpengine refused " + command + ": " + reply);
                    }
                    int at = reply.indexOf("3:sdp");
                    if (at < 0) {
                        return "";
                    }
                    int colon = reply.indexOf(':', at + 5);
                    int len = Integer.parseInt(reply.substring(at + 5, colon));
                    return reply.substring(colon + 1, colon + 1 + len);
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("rtpengine did not answer " + command + " on its ng port");
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
        }

        // bencode byte strings count bytes; our strings are ASCII
        private static String bstr(String s) {
            return s.length() + ":" + s;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
