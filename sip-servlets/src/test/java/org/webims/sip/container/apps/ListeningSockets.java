package org.webims.sip.container.apps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether a process holds a port on 127.0.0.1: a UDP socket or a TCP listener bound to it, read
 * from Linux's /proc without touching the port (a probe bind would race the process for it).
 */
final class ListeningSockets {
    /** /proc/net/tcp's state of a listening socket. */
    private static final String TCP_LISTEN = "0A";

    private ListeningSockets() {
    }

    static boolean holds(long pid, int port) throws IOException {
        Set<String> inodes = new HashSet<>();
        collect(Path.of("/proc/net/udp"), port, null, inodes);
        collect(Path.of("/proc/net/tcp"), port, TCP_LISTEN, inodes);
        if (inodes.isEmpty()) {
            return false;
        }
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.anyMatch(fd -> inodes.contains(socketInode(fd)));
        } catch (IOException gone) {
            return false; // the process has just exited
        }
    }

    /** Inodes of sockets bound to 127.0.0.1:{@code port} ("0100007F:PORT" in /proc's little-endian hex). */
    private static void collect(Path table, int port, String state, Set<String> inodes) throws IOException {
        String local = "0100007F:" + String.format(Locale.ROOT, "%04X", port);
        List<String> lines = Files.readAllLines(table);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 9 && f[1].equals(local) && (state == null || f[3].equals(state))) {
                inodes.add(f[9]);
            }
        }
    }

    private static String socketInode(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("socket:[") ? target.substring(8, target.length() - 1) : null;
        } catch (IOException closed) {
            return null;
        }
    }
}
