package org.webims.webrtc.dtls;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.tls.DatagramTransport;

/**
 * BouncyCastle's view of the network: records the I/O thread hands in wait in a bounded queue
 * (a flood is dropped and counted, not buffered without end; a handshake fragment claiming too long a
 * message is refused, {@link HandshakeLengthScreen}); records BouncyCastle sends go to
 * the {@link DtlsOutput}.
 */
final class DtlsRecordQueue implements DatagramTransport {

    /** RFC 8261 §5 and common practice: keep DTLS datagrams under a 1200-byte path MTU. */
    static final int SEND_LIMIT = 1200;
    static final int RECEIVE_LIMIT = 1500;

    private final ArrayBlockingQueue<byte[]> incoming;
    private final DtlsOutput output;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong oversizeHandshakes = new AtomicLong();
    private volatile boolean closed;

    DtlsRecordQueue(int capacity, DtlsOutput output) {
        this.incoming = new ArrayBlockingQueue<>(capacity);
        this.output = output;
    }

    /** From the I/O thread: copies the datagram (DTLS is rare next to media; a copy is fine). */
    boolean offer(byte[] buffer, int offset, int length) {
        if (!HandshakeLengthScreen.fits(buffer, offset, length)) {
            oversizeHandshakes.incrementAndGet();
            return false;
        }
        if (closed || length > RECEIVE_LIMIT || !incoming.offer(java.util.Arrays.copyOfRange(buffer, offset, offset + length))) {
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    boolean hasPending() {
        return !incoming.isEmpty();
    }

    long dropped() {
        return dropped.get();
    }

    long oversizeHandshakes() {
        return oversizeHandshakes.get();
    }

    @Override public int getReceiveLimit() { return RECEIVE_LIMIT; }
    @Override public int getSendLimit() { return SEND_LIMIT; }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        byte[] record;
        try {
            record = waitMillis <= 0 ? incoming.poll() : incoming.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for DTLS", e);
        }
        if (record == null) {
            return -1;
        }
        int n = Math.min(len, record.length);
        System.arraycopy(record, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        output.send(buf, off, len);
    }

    /** Whether {@link #close} was called: by us, or by BouncyCastle on the peer's close_notify. */
    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        incoming.clear();
    }
}
