package org.webims.testims.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

/**
 * Checks that a call leaves nothing behind: what the gateway holds before a call
 * ({@link #before()}) is what it holds once the call has ended ({@link #after()}): application
 * and SIP sessions, session timers, media pipelines and sockets (GET /health), UDP sockets in
 * the media port range, and threads.
 */
final class CallLeakCheck {
    /**
     * Pools that legitimately keep idle threads after a call, by thread group, with how many;
     * every other group must be back to its count before the call.
     * <ul>
     * <li>{@code transcode-#-#}: the media engine's TranscodeWorkers, a ScheduledThreadPoolExecutor
     * of one thread per core whose core threads start with the first transcoded call and never time out;
     * <li>{@code transcode-#-video-#}: its video lanes, one thread per core (decision 0030), all started
     * with the first transcoded video stream and kept for the engine's life;
     * <li>{@code dtls-handshake-#}: the in-process media control's handshake pool, a cached pool
     * whose idle threads live 60 s: a call runs its handshake and, for DTLS records arriving after it,
     * a drain task on it, and the calls here come one at a time;
     * <li>{@code media-events}: the media engine's single event thread (MediaEngine), started by
     * the first event raised to a listener (a DtmfReceived) and kept for the engine's life;
     * <li>{@code test-ims-timers}: the test IMS core's single timer thread, started by its first timer;
     * <li>{@code HttpClient-#-Worker-#}: the JDK HttpClient's default executor in this test JVM (the
     * DevTools socket, the /health reads), a cached pool whose idle threads live 60 s;
     * <li>{@code JNA Cleaner} and {@code JavaCPP Deallocator}: the JVM's one cleaner thread of each
     * native binding (the codecs' JNA back-end; bytedeco's FFmpeg, e.g. for a recording the carrier
     * profile asks for), started by the first call that loads one and kept for the JVM's life;
     * <li>{@code process reaper}: the JDK's reaper of child processes, a cached pool whose idle threads
     * live 60 s, started by the {@code kill} a test runs to freeze Chromium's renderers (decision 0093).
     * </ul>
     */
    static final Map<String, Integer> POOL_THREADS = Map.of(
            "transcode-#-#", Runtime.getRuntime().availableProcessors(),
            "transcode-#-video-#", Runtime.getRuntime().availableProcessors(),
            "dtls-handshake-#", 2,
            "media-events", 1,
            "test-ims-timers", 1,
            "HttpClient-#-Worker-#", 4,
            "JNA Cleaner", 1,
            "JavaCPP Deallocator", 1,
            "process reaper", 1);

    private final JsSipBed bed;
    private CallResources idle;

    CallLeakCheck(JsSipBed bed) {
        this.bed = bed;
    }

    void before() throws Exception {
        idle = bed.resources();
    }

    /** What {@link #before} read. */
    CallResources idle() {
        return idle;
    }

    /**
     * Asserts that the probe sees a call that is up (so that its coming back to idle means
     * something): two SIP sessions (web and IMS leg) in one application session, one media
     * pipeline, and the media sockets it holds, bound in the media port range.
     */
    void seesTheCallUp() throws Exception {
        CallResources up = bed.resources();
        assertEquals(idle.counters().get("applicationSessions") + 1, up.counters().get("applicationSessions"), up.toString());
        assertEquals(idle.counters().get("sipSessions") + 2, up.counters().get("sipSessions"), up.toString());
        assertEquals(idle.counters().get("mediaPipelines") + 1, up.counters().get("mediaPipelines"), up.toString());
        assertTrue(up.counters().get("mediaSockets") > idle.counters().get("mediaSockets")
                && up.mediaRangeSockets() > idle.mediaRangeSockets(), "the call's media sockets show: " + up);
    }

    /** Ends the browser's call if a failed test left it up (a no-op after a call that ended), then checks. */
    void after() throws Exception {
        bed.browserHangsUp();
        List<String> above = bed.awaitIdle(idle, POOL_THREADS);
        assertEquals(List.of(), above, "the call left these behind; idle was " + idle + ", now " + bed.resources());
    }
}
