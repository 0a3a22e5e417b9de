package org.webims.webrtc;

import java.util.Map;

/**
 * What one measured window of the srtp-relay bench gave for one relay under test: the load
 * generator's counts for the relay's legs, the relay process's CPU over the window, and, for ours,
 * the media I/O thread's own figures. Also the CPU the other subjects used meanwhile, idle.
 */
final class RelayWindow {
    String subject;
    String load;
    double emptyReadsPerDatagram;
    double datagramsPerRound;
    double napsPerRound;
    double ioSwitchesPerPacket;
    double ioUserMicrosPerPacket;
    double ioSystemMicrosPerPacket;
    double datagramsPerReadableSocket;
    double batchedSendsPerDatagram;
    long sent;
    long measuredSent;
    long received;
    long measured;
    double wallSeconds;
    double measuredSeconds; // the load generator's window: from its measure mark to its last send
    double cpuSeconds;
    double userMicrosPerPacket; // the whole relay process, from /proc/PID/stat
    double systemMicrosPerPacket;
    /** Per other subject, clock ticks over this window: {its process, its relaying threads}. */
    Map<String, long[]> idleTicks = Map.of();

    String split() {
        return String.format(java.util.Locale.ROOT, "%.2f user / %.2f system us per packet", userMicrosPerPacket,
                systemMicrosPerPacket);
    }

    double ppsPerCore() { return cpuSeconds <= 0 ? 0 : measured / cpuSeconds; }

    /** Loss in the measured window (warm-up, settle and JIT compilation excluded). */
    double lossPercent() {
        return measuredSent == 0 ? 100 : 100.0 * Math.max(0, measuredSent - measured) / measuredSent;
    }
}
