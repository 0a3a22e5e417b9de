package org.webims.webrtc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.webims.media.rtp.RtpHeaderWriter;
import org.webims.media.srtp.SrtpMasterKey;
import org.webims.media.srtp.SrtpProfile;
import org.webims.media.srtp.SrtpReceiver;
import org.webims.media.srtp.SrtpResult;
import org.webims.media.srtp.SrtpSender;
import org.webims.media.srtp.SrtpSettings;

/**
 * The srtp-relay benchmark's load generator, a process of its own: two legs of a relayed call, each
 * a UDP socket on loopback that sends audio-sized RTP (160-byte payload every tick, SRTP-protected on
 * a leg given keys) to the relay and counts what the relay sends back, checking SRTP tags. Paced
 * in 1 ms ticks. It holds the legs of every relay under test (subject) and loads one subject at a
 * time, as told on its standard input, so that the bench can interleave the subjects in rounds
 * (decision 0047) with one warm load generator: {@code run SUBJECT SETTLE_S SECONDS} sends to that
 * subject's legs for the settle time, prints {@code measure}, sends for the window, stops and prints
 * {@code result {json}}; {@code target SUBJECT LEG...} points its legs at the ports of a relay that
 * set its calls up anew and prints {@code targeted}; {@code quit} or the end of its input ends it.
 * Prints {@code ready} first.
 *
 * <p>Usage: {@code SrtpRelayLoad RATE_PER_LEG @SUBJECT LEG... [@SUBJECT LEG...]} where LEG is
 * {@code localPort,remotePort,payloadType[,profile,txKeyHex,txSaltHex,rxKeyHex,rxSaltHex]}.
 */
public final class SrtpRelayLoad {

    static final int PAYLOAD = 160;

    /** One leg: what it sends, what it got back. */
    static final class Leg {
        final DatagramChannel channel;
        final SrtpSender tx;
        final SrtpReceiver rx;
        final int payloadType;
        final int ssrc;
        final RtpHeaderWriter header = new RtpHeaderWriter();
        final byte[] out = new byte[PAYLOAD + 64];
        final ByteBuffer outView = ByteBuffer.wrap(out);
        int seq;
        long sent;
        final AtomicLong received = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong sendErrors = new AtomicLong();

        Leg(String spec, int ssrc) throws Exception {
            String[] f = spec.split(",");
            InetAddress lo = InetAddress.getLoopbackAddress();
            channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            channel.bind(new InetSocketAddress(lo, Integer.parseInt(f[0])));
            channel.connect(new InetSocketAddress(lo, Integer.parseInt(f[1])));
            payloadType = Integer.parseInt(f[2]);
            this.ssrc = ssrc;
            if (f.length > 3) {
                SrtpProfile profile = SrtpProfile.forSdesName(f[3]);
                HexFormat hex = HexFormat.of();
                tx = new SrtpSender(SrtpMasterKey.of(profile, hex.parseHex(f[4]), hex.parseHex(f[5])),
                        SrtpSettings.DEFAULTS);
                rx = new SrtpReceiver(SrtpMasterKey.of(profile, hex.parseHex(f[6]), hex.parseHex(f[7])),
                        SrtpSettings.DEFAULTS);
            } else {
                tx = null;
                rx = null;
            }
            for (int i = 0; i < PAYLOAD; i++) {
                out[12 + i] = (byte) (i * 31);
            }
        }

        /** The relay moved this leg's call to another of its ports: the same local port, the new remote one. */
        void retarget(String spec) throws IOException {
            String[] f = spec.split(",");
            InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
            if (local.getPort() != Integer.parseInt(f[0])) {
                throw new IllegalArgumentException("leg " + local + " is not " + spec);
            }
            channel.disconnect();
            channel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(f[1])));
        }

        void sendOne() {
            int h = header.payloadType(payloadType).sequenceNumber(seq & 0xffff).timestamp(960L * seq).ssrc(ssrc)
                    .marker(false).write(out, 0);
            int len = h + PAYLOAD;
            seq++;
            if (tx != null) {
                if (tx.protectRtp(out, 0, len) != SrtpResult.OK) {
                    sendErrors.incrementAndGet();
                    return;
                }
                len += tx.profile().srtpOverhead();
            }
            outView.clear().limit(len);
            try {
                if (channel.write(outView) > 0) {
                    sent++;
                } else {
                    sendErrors.incrementAndGet(); // the socket's send buffer was full
                }
            } catch (IOException e) {
                sendErrors.incrementAndGet(); // ECONNREFUSED from an earlier ICMP: counted as not sent
            }
        }

        /** Reads what is queued, counting relayed packets; false once the socket is closed. */
        boolean drain(ByteBuffer in) {
            byte[] b = in.array();
            while (true) {
                in.clear();
                try {
                    if (channel.receive(in) == null) {
                        return true;
                    }
                } catch (IOException e) {
                    return channel.isOpen(); // ICMP port unreachable surfaced on a connected socket
                }
                int len = in.position();
                boolean ok = rx == null ? len == 12 + PAYLOAD
                        : rx.unprotectRtp(b, 0, len) == SrtpResult.OK && len - rx.profile().srtpOverhead() >= 12 + PAYLOAD;
                (ok ? received : rejected).incrementAndGet();
            }
        }
    }

    /**
     * One thread polls every leg without blocking and naps when nothing is queued: a reader
     * blocked in receive would make each of the relay's sends pay for waking it, a cost a relay
     * does not have toward peers on other machines.
     */
    static Thread startReading(List<Leg> legs) throws IOException {
        Selector selector = Selector.open();
        for (Leg l : legs) {
            l.channel.configureBlocking(false);
            l.channel.register(selector, SelectionKey.OP_READ, l);
        }
        Thread reader = new Thread(() -> {
            ByteBuffer in = ByteBuffer.allocate(2048);
            try {
                while (selector.isOpen()) {
                    if (selector.selectNow(k -> ((Leg) k.attachment()).drain(in)) == 0) {
                        LockSupport.parkNanos(200_000);
                    }
                }
            } catch (IOException | java.nio.channels.ClosedSelectorException e) {
                // closed at the end
            }
        }, "load-reader");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    public static void main(String[] args) throws Exception {
        double ratePerLeg = Double.parseDouble(args[0]);
        Map<String, List<Leg>> subjects = new LinkedHashMap<>(); // a relay's name: the legs toward it
        List<Leg> all = new ArrayList<>();
        List<Leg> current = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("@")) {
                current = new ArrayList<>();
                subjects.put(args[i].substring(1), current);
            } else {
                Leg leg = new Leg(args[i], 0x10ad0000 + i);
                current.add(leg);
                all.add(leg);
            }
        }
        startReading(all);
        System.out.println("ready");
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String c; (c = commands.readLine()) != null && !c.equals("quit"); ) {
            String[] f = c.split(" ");
            if ((f.length == 4 || f.length == 5) && f[0].equals("run") && subjects.containsKey(f[1])) {
                // run SUBJECT SETTLE_S SECONDS [RATE_PER_LEG]: without a rate, the one given at start
                double rate = f.length == 5 ? Double.parseDouble(f[4]) : ratePerLeg;
                String result = run(subjects.get(f[1]), rate, Double.parseDouble(f[2]), Double.parseDouble(f[3]));
                System.out.println("result " + result);
            } else if (f.length > 2 && f[0].equals("target") && subjects.containsKey(f[1])
                    && f.length - 2 == subjects.get(f[1]).size()) { // target SUBJECT LEG...: the relay's calls were set up anew
                List<Leg> legs = subjects.get(f[1]);
                for (int i = 0; i < legs.size(); i++) {
                    legs.get(i).retarget(f[2 + i]);
                }
                System.out.println("targeted");
            } else {
                throw new IllegalArgumentException("expected 'run SUBJECT SETTLE_S SECONDS [RATE_PER_LEG]' or 'target SUBJECT LEG...', got " + c);
            }
            System.out.flush();
        }
        for (Leg l : all) {
            l.channel.close();
        }
    }

    /**
     * Waits for what is still in flight: at least 0.5 s, then until nothing more came back for
     * 0.1 s, at most 5 s. A fixed 0.5 s counted as lost what a relay, or this process's reader, was
     * late with after a stall on a busy host (decision 0047); a relay's CPU meanwhile goes to the
     * packets it still relays, which count.
     */
    static void awaitInFlight(List<Leg> legs) throws InterruptedException {
        Thread.sleep(500);
        long last = -1;
        for (int i = 0; i < 45; i++) {
            long now = 0;
            for (Leg l : legs) {
                now += l.received.get();
            }
            if (now == last) {
                return;
            }
            last = now;
            Thread.sleep(100);
        }
    }

    /**
     * Sends to one subject's legs, paced, for the settle time, prints {@code measure}, sends for the
     * window, stops, waits for what is in flight, and returns its counters as JSON: the window's
     * ({@code measured_*}) and the whole run's, settle included. The other subjects get nothing.
     */
    static String run(List<Leg> legs, double ratePerLeg, double settle, double seconds) throws InterruptedException {
        long[] sentAtStart = new long[legs.size()];
        long[] receivedAtStart = new long[legs.size()];
        long[] rejectedAtStart = new long[legs.size()];
        long[] errorsAtStart = new long[legs.size()];
        for (int i = 0; i < legs.size(); i++) {
            Leg l = legs.get(i);
            sentAtStart[i] = l.sent;
            receivedAtStart[i] = l.received.get();
            rejectedAtStart[i] = l.rejected.get();
            errorsAtStart[i] = l.sendErrors.get();
        }
        long tick = 1_000_000L;
        long start = System.nanoTime();
        long measureAt = start + (long) (settle * 1e9);
        long end = measureAt + (long) (seconds * 1e9);
        long[] receivedAtMeasure = null;
        long sentAtMeasure = 0;
        double perTick = ratePerLeg / 1000.0;
        long due = 0;
        long skipped = 0;
        for (long now = start; ; now = System.nanoTime()) {
            if (receivedAtMeasure == null && now >= measureAt) { // also in a window of 0 s (a warm-up)
                receivedAtMeasure = new long[legs.size()];
                for (int i = 0; i < legs.size(); i++) {
                    receivedAtMeasure[i] = legs.get(i).received.get();
                    sentAtMeasure += legs.get(i).sent;
                }
                System.out.println("measure");
                System.out.flush();
            }
            if (now >= end) {
                break;
            }
            long ticks = (now - start) / tick + 1;
            long target = (long) (ticks * perTick);
            if (target - due > 8 * perTick + 1) {
                // this process was not scheduled for a while: skip the missed ticks rather than send a burst
                // (a burst is not what a relay sees from many calls, and it kills rtpengine's sockets)
                skipped += target - due - (long) perTick;
                due = target - (long) perTick;
            }
            for (; due < target; due++) {
                for (Leg l : legs) {
                    l.sendOne();
                }
            }
            long wait = start + ticks * tick - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        long stoppedAt = System.nanoTime();
        awaitInFlight(legs);
        long sent = 0;
        long received = 0;
        long measured = 0;
        long rejected = 0;
        long sendErrors = 0;
        long sentNow = 0;
        int deadLegs = 0;
        for (int i = 0; i < legs.size(); i++) {
            Leg l = legs.get(i);
            long got = l.received.get();
            sent += l.sent - sentAtStart[i];
            sentNow += l.sent;
            received += got - receivedAtStart[i];
            rejected += l.rejected.get() - rejectedAtStart[i];
            sendErrors += l.sendErrors.get() - errorsAtStart[i];
            measured += got - receivedAtMeasure[i];
            deadLegs += got == receivedAtMeasure[i] ? 1 : 0;
        }
        return "{\"sent\":" + sent + ",\"received\":" + received + ",\"rejected\":" + rejected
                + ",\"send_errors\":" + sendErrors + ",\"skipped_per_leg\":" + skipped + ",\"legs\":" + legs.size()
                + ",\"legs_silent_in_window\":" + deadLegs + ",\"measured_received\":" + measured
                + ",\"measured_sent\":" + (sentNow - sentAtMeasure)
                + ",\"measured_seconds\":" + String.format(java.util.Locale.ROOT, "%.3f", (stoppedAt - measureAt) / 1e9)
                + "}";
    }
}
