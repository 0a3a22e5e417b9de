package org.webims.webrtc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
 * in 1 ms ticks. Prints {@code ready}, {@code measure} when the warm-up ends and {@code result {json}}.
 *
 * <p>Usage: {@code SrtpRelayLoad RATE_PER_LEG WARMUP_S SECONDS LEG LEG} where LEG is
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

    private static long receivedAtMeasureOf(long[] atMeasure, int leg) {
        return atMeasure == null ? 0 : atMeasure[leg];
    }

    public static void main(String[] args) throws Exception {
        double ratePerLeg = Double.parseDouble(args[0]);
        double warmup = Double.parseDouble(args[1]);
        double seconds = Double.parseDouble(args[2]);
        List<Leg> legs = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            legs.add(new Leg(args[i], 0x10ad0000 + i));
        }
        startReading(legs);
        System.out.println("ready");
        System.out.flush();
        long tick = 1_000_000L;
        long start = System.nanoTime();
        long measureAt = start + (long) (warmup * 1e9);
        long end = measureAt + (long) (seconds * 1e9);
        long[] receivedAtMeasure = null;
        long sentAtMeasure = 0;
        double perTick = ratePerLeg / 1000.0;
        long due = 0;
        long skipped = 0;
        for (long now = start; now < end; now = System.nanoTime()) {
            if (receivedAtMeasure == null && now >= measureAt) {
                receivedAtMeasure = new long[legs.size()];
                for (int i = 0; i < legs.size(); i++) {
                    receivedAtMeasure[i] = legs.get(i).received.get();
                    sentAtMeasure += legs.get(i).sent;
                }
                System.out.println("measure");
                System.out.flush();
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
        Thread.sleep(500); // what is still in flight
        StringBuilder json = new StringBuilder("{");
        long sent = 0;
        long received = 0;
        long measured = 0;
        long rejected = 0;
        long sendErrors = 0;
        int deadLegs = 0;
        for (int i = 0; i < legs.size(); i++) {
            Leg l = legs.get(i);
            sent += l.sent;
            received += l.received.get();
            rejected += l.rejected.get();
            sendErrors += l.sendErrors.get();
            measured += l.received.get() - (receivedAtMeasure == null ? 0 : receivedAtMeasure[i]);
            deadLegs += l.received.get() == receivedAtMeasureOf(receivedAtMeasure, i) ? 1 : 0;
        }
        json.append("\"sent\":").append(sent).append(",\"received\":").append(received)
                .append(",\"rejected\":").append(rejected).append(",\"send_errors\":").append(sendErrors).append(",\"skipped_per_leg\":").append(skipped)
                .append(",\"legs\":").append(legs.size()).append(",\"legs_silent_in_window\":").append(deadLegs)
                .append(",\"measured_received\":").append(measured)
                .append(",\"measured_sent\":").append(sent - sentAtMeasure)
                .append(",\"measured_seconds\":").append(String.format("%.3f", (stoppedAt - measureAt) / 1e9))
                .append('}');
        System.out.println("result " + json);
        System.out.flush();
        for (Leg l : legs) {
            l.channel.close();
        }
    }
}
