package org.webims.webrtc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bin/bench srtp-relay: the gateway's relay without transcoding, WebRtcEndpoint (SRTP, one I/O
 * thread) <-> RtpEndpoint (plain RTP) in one pipeline per call, Opus both sides ({@link OurRelay}),
 * against rtpengine's userspace plain-RTP forwarding ({@link RtpengineRelay}) and the floor, a
 * zero-work plain-UDP forwarder in C ({@link FloorRelay}, decision 0044), at the same offered load
 * from one load generator ({@link SrtpRelayLoad}, a process of its own). Ours' WebRTC legs are set
 * up for real (ICE check, DTLS-SRTP) by a scripted peer in this process, which then frees its socket
 * and hands the address and the DTLS-derived SRTP keys to the load generator.
 *
 * <p>All three are set up once and warmed up (ours for WARMUP_S, long enough for C2 to have compiled
 * the relay path; the C relays for a few seconds), then measured in ROUNDS rounds (decision 0047):
 * in each, every subject in turn gets the load alone for a settle second and a window of SECONDS,
 * the order rotating by one each round. This host switches between a fast and a slow mode for
 * minutes at a time, so subjects measured one after the other in long runs landed in different
 * modes; within a round they share one. Packets per second per core = packets the load generator got
 * back in the window / CPU seconds the relay's process (ours: this JVM; rtpengine: its daemon; the
 * floor: its process) used in it. Headline figures are medians over the rounds; a ratio is the
 * median of the rounds' ratios; a loss is the worst round's. Idle subjects should cost nothing:
 * what they use while another is measured is reported.
 *
 * <p>Usage: {@code SrtpRelayBench OFFERED_PPS CALLS WARMUP_S SECONDS ROUNDS [RTPENGINE_NG_PORT
 * RTPENGINE_PID [FLOOR_BINARY]]}: the offered packets per second are spread evenly over the calls'
 * two directions.
 */
public final class SrtpRelayBench {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** Unmeasured load before each window: the subject was idle while the others were measured. */
    static final double SETTLE_SECONDS = 1;
    /** The C relays' warm-up: no JIT, only their sockets' and the host's first packets. */
    static final double C_WARMUP_SECONDS = 3;
    /** Rounds at the capacity load: odd, so the median is one round's figure. */
    static final int CAPACITY_ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        int total = Integer.parseInt(args[0]);
        int calls = Integer.parseInt(args[1]);
        double warmup = Double.parseDouble(args[2]);
        double seconds = Double.parseDouble(args[3]);
        int roundCount = Integer.parseInt(args[4]);
        int ngPort = args.length > 6 ? Integer.parseInt(args[5]) : -1;
        long rtpenginePid = args.length > 6 ? Long.parseLong(args[6]) : -1;
        String floorBinary = args.length > 7 ? args[7] : null;
        double rate = total / (2.0 * calls); // per leg: each call has two, one each way

        List<RelaySubject> subjects = new ArrayList<>();
        OurRelay ours = new OurRelay(calls);
        subjects.add(ours);
        if (ngPort > 0) {
            subjects.add(new RtpengineRelay(calls, ngPort, rtpenginePid));
        }
        if (floorBinary != null) {
            subjects.add(new FloorRelay(calls, floorBinary, ours.gatherMicros()));
        }
        RelayRounds rounds = new RelayRounds(total);
        int capacityTotal = Integer.getInteger("srtp-relay.capacity-pps", 0);
        RelayRounds capacity = null;
        Map<String, long[]> sentAndReceived = new LinkedHashMap<>(); // per subject over every run, warm-ups included
        try (RelayLoadGenerator load = new RelayLoadGenerator(rate, subjects)) {
            for (RelaySubject s : subjects) {
                count(sentAndReceived, load.window(s, s == ours ? warmup : Math.min(warmup, C_WARMUP_SECONDS), 0));
            }
            for (int r = 0; r < roundCount; r++) {
                List<RelayWindow> round = new ArrayList<>();
                for (int i = 0; i < subjects.size(); i++) {
                    RelayWindow w = load.window(subjects.get((r + i) % subjects.size()), SETTLE_SECONDS, seconds);
                    count(sentAndReceived, w);
                    round.add(w);
                }
                rounds.add(round);
                System.err.println(rounds.describe(r));
            }
            if (capacityTotal > 0) {
                capacity = capacityRounds(load, ours, subjects, capacityTotal, calls, seconds, sentAndReceived);
            }
        }
        String ourCounters = ours.counters();
        for (RelaySubject s : subjects) {
            s.close();
        }
        String floorCounters = "";
        for (RelaySubject s : subjects) {
            floorCounters = s.name().equals("floor") ? s.counters() : floorCounters;
        }
        report(total, calls, warmup, seconds, rounds, ours, ourCounters, sentAndReceived, floorCounters, capacity);
        System.exit(0); // the engine's and the handshake pool's threads
    }

    /**
     * Ours and the floor (not rtpengine: it gives up on a socket it finds 50 packets queued on five
     * times, which a few hundred packets a second per socket cause) at a higher offered load, in
     * {@link #CAPACITY_ROUNDS} rounds of their own: a relay's cost per packet falls as more packets share
     * a wake-up, so what a core carries is read near the load where it is busy, not at the comparison
     * load where it idles more than half the time. The load generator shares the machine and may not
     * reach the offered rate: what it did send is reported, and loss counts as in the main rounds.
     */
    private static RelayRounds capacityRounds(RelayLoadGenerator load, OurRelay ours, List<RelaySubject> subjects,
            int capacityTotal, int calls, double seconds, Map<String, long[]> sentAndReceived) throws IOException {
        List<RelaySubject> measured = new ArrayList<>();
        for (RelaySubject s : subjects) {
            if (s == ours || s.name().equals("floor")) {
                measured.add(s);
            }
        }
        double rate = capacityTotal / (2.0 * calls);
        RelayRounds capacity = new RelayRounds(capacityTotal);
        for (int r = 0; r < CAPACITY_ROUNDS; r++) {
            List<RelayWindow> round = new ArrayList<>();
            for (int i = 0; i < measured.size(); i++) {
                RelayWindow w = load.window(measured.get((r + i) % measured.size()), SETTLE_SECONDS, seconds, rate);
                count(sentAndReceived, w);
                round.add(w);
            }
            capacity.add(round);
            System.err.println("capacity (" + capacityTotal + " offered) " + capacity.describe(r));
        }
        return capacity;
    }

    private static void count(Map<String, long[]> sentAndReceived, RelayWindow w) {
        long[] c = sentAndReceived.computeIfAbsent(w.subject, k -> new long[2]);
        c[0] += w.sent;
        c[1] += w.received;
    }

    private static void report(int total, int calls, double warmup, double seconds, RelayRounds rounds, OurRelay ours,
            String ourCounters, Map<String, long[]> sentAndReceived, String floorCounters, RelayRounds capacity)
            throws IOException {
        boolean rtpengine = sentAndReceived.containsKey("rtpengine");
        boolean floor = sentAndReceived.containsKey("floor");
        double pps = rounds.median("ours", RelayWindow::ppsPerCore);
        double rpps = rtpengine ? rounds.median("rtpengine", RelayWindow::ppsPerCore) : Double.NaN;
        double fpps = floor ? rounds.median("floor", RelayWindow::ppsPerCore) : Double.NaN;
        double[] ratios = rounds.ratios("ours", "rtpengine");
        for (String s : sentAndReceived.keySet()) {
            System.out.printf(Locale.ROOT, "%s: median of %d rounds %.0f packets/s per core (%.2f user / %.2f system us"
                    + " per packet), worst loss %.3f%%; idle while the others were measured: %.2f%% of a core%s%n", s,
                    rounds.count(), rounds.median(s, RelayWindow::ppsPerCore),
                    rounds.median(s, w -> w.userMicrosPerPacket), rounds.median(s, w -> w.systemMicrosPerPacket),
                    rounds.worstLoss(s), rounds.idleCpuPercent(s)[0], s.equals("ours") ? String.format(Locale.ROOT,
                            " (media I/O threads %.2f%%)", rounds.idleCpuPercent(s)[1]) : "");
        }
        System.out.println("  ours: " + ourCounters);
        System.out.println("  busiest threads of ours in its windows: " + ours.busiestThreads());
        if (floor) {
            System.out.println("  floor: " + floorCounters);
        }
        System.out.printf(Locale.ROOT, "ours / rtpengine per round %s: median %.3f, of sums %.3f%n",
                Arrays.stream(ratios).mapToObj(r -> String.format(Locale.ROOT, "%.3f", r)).toList(),
                RelayRounds.median(ratios), rounds.ratioOfSums("ours", "rtpengine"));
        System.err.printf(Locale.ROOT, "ours: I/O threads %.2f user / %.2f system us per packet (median of rounds)%n",
                rounds.median("ours", w -> w.ioUserMicrosPerPacket), rounds.median("ours", w -> w.ioSystemMicrosPerPacket));

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("offered_pps", total);
        json.put("calls", calls);
        json.put("payload_bytes", SrtpRelayLoad.PAYLOAD);
        json.put("pps_per_core", whole(pps));
        json.put("loss_percent", round3(rounds.worstLoss("ours"))); // the worst round's: 0 only with no loss in any
        long[] oursTotal = sentAndReceived.get("ours");
        json.put("total_loss_percent", round3(oursTotal[0] == 0 ? 100
                : 100.0 * Math.max(0, oursTotal[0] - oursTotal[1]) / oursTotal[0]));
        json.put("cpu_percent", whole(rounds.median("ours", w -> 100 * w.cpuSeconds / w.wallSeconds)));
        json.put("empty_receives_per_datagram", round3(rounds.median("ours", w -> w.emptyReadsPerDatagram)));
        json.put("datagrams_per_wakeup", round3(rounds.median("ours", w -> w.datagramsPerRound)));
        json.put("naps_per_wakeup", round3(rounds.median("ours", w -> w.napsPerRound)));
        // the I/O threads' own figures per packet relayed back: the steadiest ones on a shared machine
        json.put("io_context_switches_per_packet", round3(rounds.median("ours", w -> w.ioSwitchesPerPacket)));
        json.put("io_user_us_per_packet", round3(rounds.median("ours", w -> w.ioUserMicrosPerPacket)));
        json.put("io_system_us_per_packet", round3(rounds.median("ours", w -> w.ioSystemMicrosPerPacket)));
        json.put("datagrams_per_readable_socket", round3(rounds.median("ours", w -> w.datagramsPerReadableSocket)));
        json.put("gather_micros", ours.gatherMicros());
        json.put("media_io", ours.mediaIo()); // -Dwebims.media.io=nio|io_uring to compare (decision 0020)
        json.put("batched_sends_per_datagram", round3(rounds.median("ours", w -> w.batchedSendsPerDatagram)));
        json.put("relayed_pps", whole(rounds.median("ours", w -> w.measured / w.wallSeconds)));
        json.put("keying", "DTLS-SRTP done in-process, keys handed to the load generator");
        json.put("rtpengine_pps_per_core", whole(rpps));
        // rounds where rtpengine relayed nothing (it gives up on sockets it could not drain) have no ratio, not a huge one
        json.put("ratio_to_rtpengine", round3(RelayRounds.median(ratios)));
        json.put("ratio_min", round3(RelayRounds.min(ratios)));
        json.put("ratio_max", round3(RelayRounds.max(ratios)));
        json.put("ratio_of_sums", round3(rounds.ratioOfSums("ours", "rtpengine")));
        // the same over the rounds in which both ours and rtpengine got the full load and lost nothing, and how many
        double[] clean = rounds.cleanRatios("ours", "rtpengine");
        json.put("clean_rounds", rtpengine ? clean.length : null);
        json.put("ratio_clean", round3(RelayRounds.median(clean)));
        json.put("rtpengine_loss_percent", rtpengine ? round3(rounds.worstLoss("rtpengine")) : null);
        json.put("rtpengine_legs_silent", rtpengine ? rounds.mostSilentLegs("rtpengine") : null);
        json.put("rtpengine_cpu_percent", whole(rtpengine
                ? rounds.median("rtpengine", w -> 100 * w.cpuSeconds / w.wallSeconds) : Double.NaN));
        json.put("floor_pps_per_core", whole(fpps));
        json.put("floor_loss_percent", floor ? round3(rounds.worstLoss("floor")) : null);
        // about the largest ratio to rtpengine a userspace relay could reach here (on io_uring a little more: 0044), and how near ours is
        json.put("ratio_floor_to_rtpengine", round3(rounds.medianRatio("floor", "rtpengine")));
        json.put("ratio_to_floor", round3(rounds.medianRatio("ours", "floor")));
        json.put("goal_pps_per_core", 150000);
        // ours (and the floor) at the capacity load, rtpengine not: see capacityRounds
        boolean atCapacity = capacity != null && capacity.count() > 0;
        json.put("capacity_offered_pps", atCapacity ? capacity.offeredPps() : null);
        json.put("pps_per_core_at_capacity", whole(atCapacity ? capacity.median("ours", RelayWindow::ppsPerCore) : Double.NaN));
        json.put("capacity_relayed_pps", whole(atCapacity
                ? capacity.median("ours", w -> w.measured / w.wallSeconds) : Double.NaN));
        json.put("capacity_loss_percent", atCapacity ? round3(capacity.worstLoss("ours")) : null);
        json.put("floor_pps_per_core_at_capacity", whole(atCapacity && floor
                ? capacity.median("floor", RelayWindow::ppsPerCore) : Double.NaN));
        json.put("ratio_to_floor_at_capacity", round3(atCapacity && floor ? capacity.medianRatio("ours", "floor") : Double.NaN));
        json.put("rounds", rounds.count());
        json.put("round_seconds", seconds);
        json.put("warmup_seconds", warmup);
        // what an idle subject used while another was measured (% of one core): should be about nothing
        json.put("ours_idle_cpu_percent", round3(rounds.idleCpuPercent("ours")[0]));
        json.put("rtpengine_idle_cpu_percent", rtpengine ? round3(rounds.idleCpuPercent("rtpengine")[0]) : null);
        json.put("floor_idle_cpu_percent", floor ? round3(rounds.idleCpuPercent("floor")[0]) : null);
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
    }

    /** Three decimals; null (JSON) for a figure that has no value, as a ratio with no rounds. */
    static Double round3(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 1000) / 1000.0;
    }

    static Long whole(double v) {
        return Double.isNaN(v) ? null : Math.round(v);
    }

    static String plainSdp(int port) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 111\r\na=rtpmap:111 opus/48000/2\r\na=sendrecv\r\n";
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

    private static int nextLoadPort = 30000 + 2 * new Random().nextInt(1000);

    /** The load generator's ports are taken from {@code port} up (above the relay's range). */
    static synchronized void loadPortsFrom(int port) {
        nextLoadPort = port;
    }

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
}
