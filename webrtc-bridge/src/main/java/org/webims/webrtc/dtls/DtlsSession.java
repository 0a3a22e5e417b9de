package org.webims.webrtc.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;
import org.webims.media.srtp.DtlsSrtpKeys;
import org.webims.media.srtp.SrtpProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DTLS-SRTP association (RFC 5764): the handshake in the role the SDP's {@code a=setup}
 * gave us, the peer's certificate checked against its SDP fingerprint, and the SRTP keys out.
 * BouncyCastle's handshake blocks, so it runs on the handshake executor, never on an I/O thread;
 * the I/O thread only queues records with {@link #receive}. After the handshake, records that
 * still arrive (a retransmitted last flight, close_notify) are processed on the same executor.
 */
public final class DtlsSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DtlsSession.class);
    private static final JcaTlsCrypto CRYPTO = new JcaTlsCryptoProvider().create(new SecureRandom());

    public enum Role { CLIENT, SERVER }

    public enum State { NEW, CONNECTING, CONNECTED, FAILED, CLOSED }

    /** Outcome callbacks, called on the handshake executor. */
    public interface Listener {
        void connected(DtlsSrtpKeys keys);

        void failed(String reason);

        /**
         * The association ended after the handshake: the peer's close_notify or another alert inside
         * the session ({@code closeNotify} says which), or a record BouncyCastle could not take.
         */
        default void closed(boolean closeNotify) { }
    }

    private final Role role;
    private final DtlsPeerPolicy policy;
    private final PeerAlerts alerts = new PeerAlerts();
    private final DtlsRecordQueue records;
    private final Executor executor;
    private final int handshakeTimeoutMillis;
    private final Listener listener;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final byte[] drainBuffer = new byte[DtlsRecordQueue.RECEIVE_LIMIT];
    private volatile DTLSTransport transport;
    private volatile boolean draining;

    public DtlsSession(DtlsCertificate certificate, Role role, String remoteFingerprint,
                       DtlsOutput output, Executor executor, Duration handshakeTimeout, Listener listener) {
        this.role = role;
        this.policy = new DtlsPeerPolicy(CRYPTO, certificate, remoteFingerprint);
        this.records = new DtlsRecordQueue(64, output);
        this.executor = executor;
        this.handshakeTimeoutMillis = (int) handshakeTimeout.toMillis();
        this.listener = listener;
    }

    public Role role() { return role; }
    public State state() { return state.get(); }
    /** DTLS records dropped because the queue was full or the session closed. */
    public long droppedRecords() { return records.dropped(); }
    /** Datagrams refused because a handshake fragment claimed a message too long to reassemble. */
    public long oversizeHandshakes() { return records.oversizeHandshakes(); }
    /** Whether the peer's close_notify (RFC 5246 §7.2.1) arrived, inside the session. */
    public boolean closeNotifyReceived() { return alerts.closeNotify(); }
    /** Alerts the peer sent inside the session (close_notify among them). */
    public int alertsReceived() { return alerts.count(); }
    /** The DTLS-SRTP profile in use (RFC 5764 §4.1.2), null until the handshake chose one. */
    public SrtpProfile srtpProfile() { return policy.profile(); }
    /**
     * What the peer's ClientHello offered in use_srtp, as RFC 5764 §4.1.2 profile ids in its order;
     * empty when we are the client (the server's answer is then {@link #srtpProfile()}).
     */
    public int[] peerOfferedSrtpProfiles() { return policy.peerOffered(); }

    /** Starts the handshake (a client sends its ClientHello at once). */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.CONNECTING)) {
            throw new IllegalStateException("DTLS session already " + state.get());
        }
        try {
            executor.execute(this::handshake);
        } catch (RejectedExecutionException e) {
            fail("too many DTLS handshakes in progress");
        }
    }

    /** A DTLS record from the peer (RFC 7983: first byte 20..63), on the I/O thread. */
    public void receive(byte[] buffer, int offset, int length) {
        if (!records.offer(buffer, offset, length)) {
            return;
        }
        if (state.get() == State.CONNECTED && !draining) {
            draining = true;
            try {
                executor.execute(this::drainAfterHandshake);
            } catch (RejectedExecutionException e) {
                draining = false;
            }
        }
    }

    private void handshake() {
        try {
            DTLSTransport t;
            if (role == Role.CLIENT) {
                t = new DTLSClientProtocol().connect(new DtlsSrtpClient(CRYPTO, policy, alerts, handshakeTimeoutMillis), records);
            } else {
                t = new DTLSServerProtocol().accept(new DtlsSrtpServer(CRYPTO, policy, alerts, handshakeTimeoutMillis), records);
            }
            transport = t;
            if (state.compareAndSet(State.CONNECTING, State.CONNECTED)) {
                LOG.atDebug().addKeyValue("role", role).addKeyValue("profile", policy.keys().local().profile())
                        .log("DTLS-SRTP connected");
                listener.connected(policy.keys());
            }
            if (records.hasPending()) {
                drainAfterHandshake();
            }
        } catch (TlsFatalAlert alert) {
            fail("DTLS alert " + AlertDescription.getText(alert.getAlertDescription())
                    + (alert.getMessage() != null ? ": " + alert.getMessage() : ""));
        } catch (IOException | RuntimeException e) {
            fail(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** How long a drain waits for the next record before it ends (a later record starts another). */
    private static final int DRAIN_WAIT_MILLIS = 1;

    private void drainAfterHandshake() {
        draining = false;
        DTLSTransport t = transport;
        if (t == null) {
            return;
        }
        try {
            while (records.hasPending() && state.get() == State.CONNECTED) {
                // Application data is not expected (no data channels here); the point is letting
                // BouncyCastle answer a retransmitted flight and see close_notify. A wait of 0 is
                // "no timeout" to BouncyCastle, which would then poll the empty queue forever.
                if (t.receive(drainBuffer, 0, drainBuffer.length, DRAIN_WAIT_MILLIS) < 0 && !records.hasPending()) {
                    break;
                }
            }
            if (records.isClosed()) {
                throw new IOException("closed by the peer (close_notify)"); // BouncyCastle closed its transport
            }
        } catch (IOException | RuntimeException e) {
            LOG.atDebug().setCause(e).log("DTLS record after handshake ended the association");
            if (state.compareAndSet(State.CONNECTED, State.CLOSED)) {
                listener.closed(alerts.closeNotify());
            }
        }
    }

    private void fail(String reason) {
        State before = state.getAndUpdate(s -> s == State.CLOSED ? s : State.FAILED);
        records.close();
        if (before != State.CLOSED && before != State.FAILED) {
            LOG.atDebug().addKeyValue("role", role).addKeyValue("reason", reason).log("DTLS-SRTP failed");
            listener.failed(reason);
        }
    }

    /** Sends close_notify if connected, and stops; idempotent. */
    @Override
    public void close() {
        State before = state.getAndSet(State.CLOSED);
        DTLSTransport t = transport;
        if (before == State.CONNECTED && t != null) {
            try {
                t.close();
            } catch (IOException e) {
                LOG.atDebug().setCause(e).log("DTLS close_notify failed");
            }
        }
        records.close();
    }
}
