package org.webims.testims.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.webims.media.transport.OwnUdpSockets;

/**
 * What calls hold, read from outside the call code, to compare with the idle state: the
 * gateway's counters from {@code GET /health} ("calls": application and SIP sessions, session
 * timers, media pipelines and sockets), the UDP sockets this process has bound in the gateway's
 * media port range (from /proc: the kernel's view, whoever forgot to close them), and the live
 * threads grouped by name with the digits taken out.
 */
record CallResources(Map<String, Integer> counters, int mediaRangeSockets, Map<String, Integer> threads) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static CallResources read(int httpPort, int minMediaPort, int maxMediaPort) throws IOException, InterruptedException {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Integer> counters = new TreeMap<>();
        JsonNode calls = JSON.readTree(body).path("calls");
        calls.fieldNames().forEachRemaining(name -> counters.put(name, calls.path(name).asInt()));
        if (counters.isEmpty()) {
            throw new IllegalStateException("GET /health has no \"calls\": " + body);
        }
        Map<String, Integer> threads = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive()) {
                threads.merge(t.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
            }
        }
        return new CallResources(counters, OwnUdpSockets.inRange(minMediaPort, maxMediaPort).size(), threads);
    }

    /**
     * What is above the idle state {@code idle}: any counter, any socket in the media range, and
     * threads of a group beyond its idle count plus {@code allowance} (pools that keep idle
     * threads for a while); empty when back to idle.
     */
    List<String> above(CallResources idle, Map<String, Integer> allowance) {
        List<String> out = new ArrayList<>();
        counters.forEach((name, n) -> {
            if (n > idle.counters.getOrDefault(name, 0)) {
                out.add(name + " " + n + " (idle " + idle.counters.getOrDefault(name, 0) + ")");
            }
        });
        if (mediaRangeSockets > idle.mediaRangeSockets) {
            out.add("UDP sockets in the media range " + mediaRangeSockets + " (idle " + idle.mediaRangeSockets + ")");
        }
        Set<String> groups = new TreeSet<>(threads.keySet());
        for (String group : groups) {
            int now = threads.get(group);
            int before = idle.threads.getOrDefault(group, 0);
            if (now > before + allowance.getOrDefault(group, 0)) {
                out.add("threads '" + group + "' " + now + " (idle " + before + ")");
            }
        }
        return out;
    }
}
