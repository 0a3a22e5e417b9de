package org.webims.webrtc.iceservers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private coturn {@code turnserver} (Debian's {@code coturn}) on 127.0.0.1 for one test: UDP and
 * TCP on a free port, relaying from a small port range on 127.0.0.1 to loopback peers, TURN REST
 * credentials from {@code secret} (coturn's {@code use-auth-secret}), no DTLS or CLI, TLS only where
 * made {@link #withTls with a certificate}, in the foreground with its pid file, database and log in
 * a temporary folder, so it never meets Debian's own coturn service.
 */
public final class CoturnProcess implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/turnserver");
    /** Relay ports per server: one allocation per peer connection in these tests. */
    private static final int RELAY_PORTS = 40;

    private final Path folder;
    private final Process process;
    private final int port;
    private final int tlsPort;
    private final int relayMin;

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    public CoturnProcess(String secret) throws Exception {
        this(secret, null, null);
    }

    /**
     * A server that also listens for TURN over TLS (RFC 7065 {@code turns:}) on a TCP port of its own,
     * presenting the PEM certificate chain {@code certificate} with the PEM key {@code key}.
     */
    public static CoturnProcess withTls(String secret, Path certificate, Path key) throws Exception {
        return new CoturnProcess(secret, certificate, key);
    }

    private CoturnProcess(String secret, Path certificate, Path key) throws Exception {
        folder = Files.createTempDirectory("webims-coturn");
        port = freeUdpPort();
        relayMin = freeUdpPort() & ~1;
        tlsPort = certificate == null ? 0 : freeTcpPort();
        // coturn's flags (turnserver(1)); allow-loopback-peers lets a relay reach 127.0.0.1, which coturn refuses by default
        List<String> conf = new java.util.ArrayList<>(List.of(
                "listening-ip=127.0.0.1", "relay-ip=127.0.0.1", "listening-port=" + port,
                "min-port=" + relayMin, "max-port=" + Math.min(65535, relayMin + RELAY_PORTS - 1),
                "use-auth-secret", "static-auth-secret=" + secret, "realm=webims.test",
                "no-dtls", "no-cli", "allow-loopback-peers", "fingerprint",
                "log-file=stdout", "simple-log",
                "pidfile=" + folder.resolve("turnserver.pid"), "userdb=" + folder.resolve("turndb")));
        if (certificate == null) {
            conf.add("no-tls");
        } else {
            conf.addAll(List.of("tls-listening-port=" + tlsPort, "cert=" + certificate, "pkey=" + key));
        }
        Files.write(folder.resolve("turnserver.conf"), conf);
        process = new ProcessBuilder(BINARY.toString(), "-c", folder.resolve("turnserver.conf").toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("turnserver.log").toFile()).start();
        try {
            awaitBindingResponse(Duration.ofSeconds(20));
            if (tlsPort != 0) {
                awaitTcpListener(tlsPort, Duration.ofSeconds(20));
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** The TURN URL browsers are given, {@code turn:127.0.0.1:PORT?transport=udp}. */
    public String turnUrl() {
        return "turn:127.0.0.1:" + port + "?transport=udp";
    }

    public int port() {
        return port;
    }

    /** The {@code turns:} URL of the TLS listener, {@code turns:127.0.0.1:PORT?transport=tcp}; only {@link #withTls}. */
    public String turnsUrl() {
        if (tlsPort == 0) {
            throw new IllegalStateException("this coturn has no TLS listener");
        }
        return "turns:127.0.0.1:" + tlsPort + "?transport=tcp";
    }

    /** True where {@code port} is one of this server's relay ports. */
    public boolean isRelayPort(int p) {
        return p >= relayMin && p < relayMin + RELAY_PORTS;
    }

    public String log() {
        try {
            return Files.readString(folder.resolve("turnserver.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return Math.min(((InetSocketAddress) probe.getLocalAddress()).getPort(), 65535 - RELAY_PORTS);
        }
    }

    private static int freeTcpPort() throws IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private void awaitTcpListener(int tcp, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (java.net.Socket probe = new java.net.Socket(InetAddress.getLoopbackAddress(), tcp)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("turnserver exited: " + log());
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("turnserver accepted no TCP connection on " + tcp + ": " + log());
    }

    // A STUN Binding request (RFC 8489 §5: type 0x0001, length 0, magic cookie, transaction id) until one is answered.
    private void awaitBindingResponse(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.socket().setSoTimeout(200);
            channel.connect(new InetSocketAddress("127.0.0.1", port));
            byte[] request = {0, 1, 0, 0, 0x21, 0x12, (byte) 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
            byte[] answer = new byte[512];
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("turnserver exited: " + log());
                }
                channel.write(ByteBuffer.wrap(request));
                try {
                    java.net.DatagramPacket packet = new java.net.DatagramPacket(answer, answer.length);
                    channel.socket().receive(packet);
                    if (packet.getLength() >= 20 && answer[0] == 1 && answer[1] == 1) {
                        return;
                    }
                } catch (SocketTimeoutException | java.net.PortUnreachableException e) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("turnserver answered no STUN Binding on " + port + ": " + log());
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
