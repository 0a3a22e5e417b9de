package org.webims.webrtc;

import java.io.IOException;
import java.util.List;

/**
 * One relay under test in the srtp-relay bench (ours, rtpengine, the floor), set up once with all
 * its calls: the process whose CPU is counted and the load generator's legs toward it.
 */
interface RelaySubject extends AutoCloseable {

    /** The name the bench reports it under and the load generator knows its legs by. */
    String name();

    /** The relay's process: its CPU in /proc is what a window costs. */
    long pid();

    /** The load generator's legs toward it, two per call (see {@link SrtpRelayLoad}). */
    List<String> legs();

    /**
     * Before each time it is loaded but the first: the relay may set its calls up anew, and then
     * returns the load generator's legs toward the new calls (the same far ends); empty if it did not.
     */
    default List<String> renewCalls() throws IOException {
        return List.of();
    }

    /** User and system clock ticks of the threads that relay: the whole process unless it has other work. */
    default long relayThreadTicks() throws IOException {
        long[] t = ProcCpu.ticks(pid());
        return t[0] + t[1];
    }

    /** The measured window begins (the load is on and has settled). */
    default void windowStarts() throws IOException {
    }

    /** The measured window ended; the relay adds its own figures to {@code window}. */
    default void windowEnded(RelayWindow window) throws IOException {
    }

    /** What the relay counted over the whole bench, for the report; "" if nothing. */
    default String counters() throws IOException {
        return "";
    }
}
