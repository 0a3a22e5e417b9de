package org.webims.media.srtp;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where an SRTP packet's CPU goes, per component, with one key hot or many keys used in turn, and
 * optionally with other memory touched between packets (the relay's other per-call state), so that
 * each key's objects are cold when its next packet comes (decision 0049). Old and new primitives
 * run interleaved in one JVM, round after round; the figure of each is the median of its rounds,
 * in thread CPU ns per packet. Not a test: a main, run under the bench lock.
 *
 * <p>Arguments: KEYS (comma list, e.g. 1,200) THRASH_LINES (comma list of cache lines read between
 * packets, e.g. 0,256) PACKETS_PER_ROUND ROUNDS [VARIANTS, comma list; default all].
 */
public final class SrtpCostBench {

    private static final int PAYLOAD = 160;
    private static final int PACKET = 12 + PAYLOAD;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final byte[] BIG = new byte[64 << 20];
    private static int thrashAt;
    private static volatile int sink;

    private interface Op {
        void run(int i);
    }

    private SrtpCostBench() { }

    public static void main(String[] args) {
        int[] keyCounts = Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
        int[] thrashes = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
        int packets = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        List<String> only = args.length > 4 ? List.of(args[4].split(",")) : null;
        System.out.printf(Locale.ROOT, "jdk aes-ctr %s, ghash %s, sha1 %s%n", JdkAesCtr.available(),
                JdkGhash.available(), JdkSha1.available());
        for (int keys : keyCounts) {
            for (int thrash : thrashes) {
                run(keys, thrash, packets, rounds, only);
            }
        }
    }

    private static void thrash(int lines) {
        int at = thrashAt;
        int s = 0;
        for (int i = 0; i < lines; i++) {
            s += BIG[at];
            at += 64;
            if (at >= BIG.length) {
                at = (at + 8) & 63; // another byte of the line next time round: no aliasing with the last pass
            }
        }
        thrashAt = at;
        sink += s;
    }

    private static void run(int keys, int thrash, int packets, int rounds, List<String> only) {
        Map<String, Op> ops = new LinkedHashMap<>();
        byte[] work = new byte[PACKET + 64];
        byte[] tag = new byte[20];
        byte[] template = Packets.rtp(0x11223344, 0, PAYLOAD);
        HmacSha1[] oldMac = new HmacSha1[keys];
        HmacSha1States[] newMac = new HmacSha1States[keys];
        AesCtr[] ctr = new AesCtr[keys];
        GcmHash[] ghash = new GcmHash[keys];
        ReplayWindow[] windows = new ReplayWindow[keys];
        SrtpSender[] cmTx = new SrtpSender[keys];
        SrtpReceiver[] cmRx = new SrtpReceiver[keys];
        SrtpSender[] gcmTx = new SrtpSender[keys];
        SrtpReceiver[] gcmRx = new SrtpReceiver[keys];
        byte[] iv = new byte[16];
        for (int k = 0; k < keys; k++) {
            byte[] key = new byte[20];
            Arrays.fill(key, (byte) (k * 31 + 1));
            oldMac[k] = new HmacSha1(key);
            newMac[k] = new HmacSha1States(key);
            ctr[k] = new AesCtr(Arrays.copyOf(key, 16));
            ghash[k] = new GcmHash(Arrays.copyOf(key, 16));
            windows[k] = new ReplayWindow(128);
            cmTx[k] = new SrtpSender(Packets.key(SrtpProfile.AES_CM_128_HMAC_SHA1_80, k), SrtpSettings.DEFAULTS);
            cmRx[k] = new SrtpReceiver(Packets.key(SrtpProfile.AES_CM_128_HMAC_SHA1_80, k), SrtpSettings.DEFAULTS);
            gcmTx[k] = new SrtpSender(Packets.key(SrtpProfile.AEAD_AES_128_GCM, k), SrtpSettings.DEFAULTS);
            gcmRx[k] = new SrtpReceiver(Packets.key(SrtpProfile.AEAD_AES_128_GCM, k), SrtpSettings.DEFAULTS);
        }
        System.arraycopy(template, 0, work, 0, PACKET);
        ops.put("thrash-only", i -> thrash(thrash));
        ops.put("hmac-old", i -> {
            thrash(thrash);
            HmacSha1 m = oldMac[i % keys];
            m.update(work, 0, PACKET);
            m.updateInt(i);
            m.doFinal(tag, 0);
        });
        ops.put("hmac-new", i -> {
            thrash(thrash);
            newMac[i % keys].macWithRoc(work, 0, PACKET, i, tag, 0);
        });
        ops.put("aes-ctr", i -> {
            thrash(thrash);
            iv[13] = (byte) i;
            AesCtr c = ctr[i % keys];
            c.start(iv);
            c.apply(work, 12, PAYLOAD);
        });
        ops.put("ghash", i -> {
            thrash(thrash);
            GcmHash g = ghash[i % keys];
            g.reset();
            g.update(work, 0, 12);
            g.endSegment();
            g.update(work, 12, PAYLOAD);
            g.finish(12, PAYLOAD, tag, 0);
        });
        long[][] subkeys = new long[keys][];
        long[][] states = new long[keys][];
        for (int k = 0; k < keys; k++) {
            subkeys[k] = new long[JdkGhash.subkeyLongs()];
            subkeys[k][0] = 0x1234567890abcdefL * (k + 1);
            subkeys[k][1] = 0x0fedcba987654321L * (k + 1);
            states[k] = new long[2];
        }
        byte[] laid = new byte[PACKET + 64];
        // what one call per packet would cost: AAD and text padded into one array with the length block, one processBlocks
        ops.put("ghash-1call", i -> {
            thrash(thrash);
            int k = i % keys;
            long[] st = states[k];
            st[0] = 0;
            st[1] = 0;
            System.arraycopy(work, 0, laid, 0, 12);
            Arrays.fill(laid, 12, 16, (byte) 0);
            System.arraycopy(work, 12, laid, 16, PAYLOAD);
            PacketLayout.writeLong(laid, 16 + PAYLOAD, 12 * 8);
            PacketLayout.writeLong(laid, 24 + PAYLOAD, PAYLOAD * 8);
            JdkGhash.processBlocks(laid, 0, (32 + PAYLOAD) / 16, st, subkeys[k]);
            PacketLayout.writeLong(tag, 0, st[0]);
        });
        ops.put("replay", i -> {
            thrash(thrash);
            ReplayWindow w = windows[i % keys];
            long index = SsrcContext.estimateIndex(w.highest(), (i / keys) & 0xffff);
            if (w.isFresh(index)) {
                w.accept(index);
            }
        });
        ops.put("cm-full", i -> {
            thrash(thrash);
            int k = i % keys;
            full(cmTx[k], cmRx[k], template, work, i / keys);
        });
        ops.put("gcm-full", i -> {
            thrash(thrash);
            int k = i % keys;
            full(gcmTx[k], gcmRx[k], template, work, i / keys);
        });
        if (only != null) {
            ops.keySet().retainAll(only);
        }
        Map<String, List<Double>> figures = new LinkedHashMap<>();
        int[] base = new int[ops.size()];
        for (int round = -3; round < rounds; round++) {
            int o = 0;
            for (Map.Entry<String, Op> e : ops.entrySet()) {
                // each op's own packet numbers, on from its last round: replay windows and SRTP indices move forward
                double ns = measure(e.getValue(), base[o], packets);
                base[o] += packets;
                o++;
                if (round >= 0) {
                    figures.computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(ns);
                }
            }
        }
        System.out.printf(Locale.ROOT, "keys %d, thrash %d lines/packet, %d rounds of %d packets: median (min-max) ns per packet%n",
                keys, thrash, rounds, packets);
        figures.forEach((name, list) -> {
            double[] v = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "  %-12s %8.1f  (%.1f-%.1f)%n", name, v[v.length / 2], v[0], v[v.length - 1]);
        });
    }

    // protect then unprotect one packet of this key's stream (sequence number seq)
    private static void full(SrtpSender tx, SrtpReceiver rx, byte[] template, byte[] work, int seq) {
        System.arraycopy(template, 0, work, 0, PACKET);
        work[2] = (byte) (seq >>> 8);
        work[3] = (byte) seq;
        if (tx.protectRtp(work, 0, PACKET) != SrtpResult.OK
                || rx.unprotectRtp(work, 0, PACKET + tx.profile().srtpOverhead()) != SrtpResult.OK) {
            throw new IllegalStateException("round trip failed at " + seq);
        }
    }

    private static double measure(Op op, int from, int packets) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = from; i < from + packets; i++) {
            op.run(i);
        }
        return (THREADS.getCurrentThreadCpuTime() - t0) / (double) packets;
    }
}
