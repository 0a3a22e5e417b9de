package org.webims.media.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * This process's UDP sockets as the kernel lists them (/proc/net/udp and udp6): its own are those
 * whose inode one of its descriptors links to, so a browser's or another process's never count.
 */
public final class OwnUdpSockets {

    private OwnUdpSockets() {
    }

    /** The local addresses of this process's UDP sockets bound to a port in [min, max], IPv4 and IPv6. */
    public static List<InetSocketAddress> inRange(int min, int max) throws IOException {
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
        List<InetSocketAddress> out = new ArrayList<>();
        for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
                String[] f = line.trim().split("\\s+");
                int colon = f[1].indexOf(':');
                int port = Integer.parseInt(f[1].substring(colon + 1), 16);
                if (port >= min && port <= max && ours.contains(f[9])) {
                    out.add(new InetSocketAddress(address(f[1].substring(0, colon)), port));
                }
            }
        }
        return out;
    }

    /** The kernel prints the address as 32-bit words in host order: little-endian on the machines we run. */
    private static InetAddress address(String hex) throws IOException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            int w = Integer.parseUnsignedInt(hex.substring(word * 8, word * 8 + 8), 16);
            for (int b = 0; b < 4; b++) {
                bytes[word * 4 + b] = (byte) (w >>> (8 * b));
            }
        }
        return InetAddress.getByAddress(bytes);
    }
}
