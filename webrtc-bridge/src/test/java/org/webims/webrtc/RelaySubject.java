package org.webims.webrtc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One relay under test in the srtp-relay bench (ours, rtpengine, the floor), set up once with all
 * its calls: the process whose CPU is counted and the load generator's legs toward it.
 */
abstract class RelaySubject implements AutoCloseable {

    private final String name;
    /** The load generator's legs toward it, two per call (see {@link SrtpRelayLoad}); the subject fills it. */
    protected final List<String> legs = new ArrayList<>();

    RelaySubject(String name) {
        this.name = name;
    }

    /** The name the bench reports it under and the load generator knows its legs by. */
    final String name() {
        return name;
    }

    /** The relay's process: its CPU in /proc is what a window costs. */
    abstract long pid();

    final List<String> legs() {
        return legs;
    }

    /**
     * Before each time it is loaded but the first: the relay may set its calls up anew, and then
     * returns the load generator's legs toward the new calls (the same far ends); empty if it did not.
     */
    List<String> renewCalls() throws IOException {
        return List.of();
    }

    /** User and system clock ticks of the threads that relay: the whole process unless it has other work. */
    long relayThreadTicks() throws IOException {
        long[] t = ProcCpu.ticks(pid());
        return t[0] + t[1];
    }

    /** The measured window begins (the load is on and has settled). */
    void windowStarts() throws IOException {
    }

    /** The measured window ended; the relay adds its own figures to {@code window}. */
    void windowEnded(RelayWindow window) throws IOException {
    }

    /** What the relay counted over the whole bench, for the report; "" if nothing. */
    String counters() throws IOException {
        return "";
    }
}
