package org.webims.testims.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

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
        return new CallResources(counters, udpSocketsInRange(minMediaPort, maxMediaPort), threads);
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

    /** UDP sockets of this process bound to a port in [min, max], IPv4 and IPv6. */
    private static int udpSocketsInRange(int min, int max) throws IOException {
        Set<String> ours = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        ours.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing
                }
            }
        }
        int n = 0;
        for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
                String[] f = line.trim().split("\\s+");
                int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
                if (port >= min && port <= max && ours.contains(f[9])) {
                    n++;
                }
            }
        }
        return n;
    }
}
