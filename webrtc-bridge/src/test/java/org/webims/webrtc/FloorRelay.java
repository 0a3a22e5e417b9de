package org.webims.webrtc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The srtp-relay bench's floor (decision 0044): bench/relay-floor.c, a zero-work plain-UDP
 * forwarder built by bench/srtp-relay.sh, started here with the far ends' ports (as rtpengine is
 * told them by offer and answer); it prints the ports it bound per call. It inherits this JVM's CPU
 * affinity (SRTP_RELAY_PIN) and ends when its standard input closes, printing its counters.
 */
final class FloorRelay extends RelaySubject {

    private final Process floor;
    private final Thread reaper;
    private final BufferedReader out;
    private String counters = "";

    FloorRelay(int calls, String binary, long gatherMicros) throws IOException {
        super("floor");
        List<String> cmd = new ArrayList<>(List.of(binary, Long.toString(gatherMicros)));
        for (int i = 0; i < 2 * calls; i++) {
            cmd.add(Integer.toString(SrtpRelayBench.loadPort()));
        }
        floor = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        reaper = new Thread(floor::destroyForcibly, "relay-floor-reaper"); // no stray relay if we are stopped
        Runtime.getRuntime().addShutdownHook(reaper);
        out = new BufferedReader(new InputStreamReader(floor.getInputStream(), StandardCharsets.UTF_8));
        for (int i = 0; i < calls; i++) {
            String[] ports = out.readLine().split(" "); // A's and B's socket: each far end sends to its own
            legs.add(cmd.get(2 + 2 * i) + "," + ports[0] + ",111");
            legs.add(cmd.get(3 + 2 * i) + "," + ports[1] + ",111");
        }
        if (!"ready".equals(out.readLine())) {
            throw new IllegalStateException("relay-floor did not start");
        }
    }

    @Override
    long pid() {
        return floor.pid();
    }

    /** Its counters, once {@link #close()} has ended it. */
    @Override
    String counters() {
        return counters;
    }

    @Override
    public void close() throws Exception {
        try {
            floor.getOutputStream().close();
            counters = String.valueOf(out.readLine());
            out.close();
        } finally {
            if (!floor.waitFor(5, TimeUnit.SECONDS)) {
                floor.destroyForcibly();
            }
            Runtime.getRuntime().removeShutdownHook(reaper);
        }
    }
}
