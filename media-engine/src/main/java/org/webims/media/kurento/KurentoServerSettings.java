package org.webims.media.kurento;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how the Kurento protocol server listens, and its limits.
 *
 * @param host                  address to bind (default 127.0.0.1: the application server is local)
 * @param port                  TCP port, 0 for any free one (default 8888, KMS's)
 * @param path                  WebSocket path (default {@code /kurento}, KMS's)
 * @param keyStore              a PKCS12 key store for WSS, or null for plain WS
 * @param keyStorePassword      its password (and the key's)
 * @param token                 if set, clients must present it ({@code ?token=} or
 *                              {@code Authorization: Bearer}); without it the upgrade gets 401
 * @param maxMessageBytes       the largest WebSocket message accepted; larger closes with 1009
 * @param maxSessions           sessions (and connections) at once
 * @param maxObjectsPerSession  pipelines and elements one session may hold
 * @param idleTimeout           a connection silent this long is closed (kurento-client pings
 *                              every 240 s, so the default is above that)
 * @param sessionReleaseTimeout how long a session's objects outlive its connection, waiting for
 *                              {@code connect} with its sessionId (default twice kurento-client's
 *                              240 s keep-alive)
 */
public record KurentoServerSettings(String host, int port, String path, Path keyStore, String keyStorePassword,
                                    String token, int maxMessageBytes, int maxSessions, int maxObjectsPerSession,
                                    Duration idleTimeout, Duration sessionReleaseTimeout) {

    public KurentoServerSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        if (maxMessageBytes < 1024 || maxSessions < 1 || maxObjectsPerSession < 1) {
            throw new IllegalArgumentException("limits too small: maxMessageBytes >= 1024, maxSessions and maxObjectsPerSession >= 1");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero() || sessionReleaseTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must be positive and sessionReleaseTimeout not negative");
        }
        if (keyStore != null && keyStorePassword == null) {
            throw new IllegalArgumentException("a key store needs its password");
        }
        if (token != null && token.isEmpty()) {
            throw new IllegalArgumentException("an access token must not be empty");
        }
    }

    /** Without the token and key store password, so settings can be logged. */
    @Override
    public String toString() {
        return "KurentoServerSettings[" + host + ":" + port + path + (tls() ? " tls" : "")
                + (token != null && !token.isEmpty() ? " token=***" : "") + "]";
    }

    public static KurentoServerSettings defaults() {
        return new KurentoServerSettings("127.0.0.1", 8888, "/kurento", null, null, null, 1 << 20,
                1000, 1000, Duration.ofSeconds(300), Duration.ofSeconds(480));
    }

    public boolean tls() {
        return keyStore != null;
    }

    public KurentoServerSettings withHost(String h) {
        return new KurentoServerSettings(h, port, path, keyStore, keyStorePassword, token, maxMessageBytes,
                maxSessions, maxObjectsPerSession, idleTimeout, sessionReleaseTimeout);
    }

    public KurentoServerSettings withPort(int p) {
        return new KurentoServerSettings(host, p, path, keyStore, keyStorePassword, token, maxMessageBytes,
                maxSessions, maxObjectsPerSession, idleTimeout, sessionReleaseTimeout);
    }

    public KurentoServerSettings withTls(Path store, String password) {
        return new KurentoServerSettings(host, port, path, store, password, token, maxMessageBytes,
                maxSessions, maxObjectsPerSession, idleTimeout, sessionReleaseTimeout);
    }

    public KurentoServerSettings withToken(String t) {
        return new KurentoServerSettings(host, port, path, keyStore, keyStorePassword, t, maxMessageBytes,
                maxSessions, maxObjectsPerSession, idleTimeout, sessionReleaseTimeout);
    }

    public KurentoServerSettings withLimits(int messageBytes, int sessions, int objectsPerSession) {
        return new KurentoServerSettings(host, port, path, keyStore, keyStorePassword, token, messageBytes,
                sessions, objectsPerSession, idleTimeout, sessionReleaseTimeout);
    }

    public KurentoServerSettings withTimeouts(Duration idle, Duration sessionRelease) {
        return new KurentoServerSettings(host, port, path, keyStore, keyStorePassword, token, maxMessageBytes,
                maxSessions, maxObjectsPerSession, idle, sessionRelease);
    }
}
