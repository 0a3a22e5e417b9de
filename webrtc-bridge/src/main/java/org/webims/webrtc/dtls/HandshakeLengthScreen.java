package org.webims.webrtc.dtls;

import static org.bouncycastle.tls.TlsUtils.readUint16;
import static org.bouncycastle.tls.TlsUtils.readUint24;

/**
 * Bounds DTLS handshake reassembly. BouncyCastle (1.82) allocates a handshake message's whole body
 * from the length its first fragment claims (RFC 6347 §4.2.2: up to 2^24 - 1 bytes), for each of up
 * to 16 messages ahead, before any authentication; its TLS limit ({@code getMaxHandshakeMessageSize})
 * is not applied to DTLS. So a datagram whose plaintext handshake fragments claim more than
 * {@link #MAX_MESSAGE_LENGTH} is refused before BouncyCastle sees it. Encrypted handshake records
 * (epoch above 0: the Finished) come only from a peer whose certificate already matched the SDP
 * fingerprint, and are left to BouncyCastle.
 */
final class HandshakeLengthScreen {

    /** BouncyCastle's TLS default; a WebRTC peer's largest message, its Certificate, is under 2 KiB. */
    static final int MAX_MESSAGE_LENGTH = 32 * 1024;

    private static final int HANDSHAKE = 22;
    private static final int RECORD_HEADER = 13;
    private static final int FRAGMENT_HEADER = 12;

    private HandshakeLengthScreen() {
    }

    /**
     * Whether every plaintext handshake fragment in the datagram {@code b[offset, offset + length)}
     * claims a message of at most {@link #MAX_MESSAGE_LENGTH} bytes. What cannot be parsed is let
     * through: BouncyCastle's record layer discards it without allocating by its claims.
     */
    static boolean fits(byte[] b, int offset, int length) {
        int end = offset + length;
        int record = offset;
        while (record + RECORD_HEADER <= end) {
            int type = b[record] & 0xFF;
            int epoch = readUint16(b, record + 3);
            int body = record + RECORD_HEADER;
            int bodyEnd = Math.min(end, body + readUint16(b, record + 11));
            if (type == HANDSHAKE && epoch == 0) {
                for (int f = body; f + FRAGMENT_HEADER <= bodyEnd; f += FRAGMENT_HEADER + readUint24(b, f + 9)) {
                    if (readUint24(b, f + 1) > MAX_MESSAGE_LENGTH) {
                        return false;
                    }
                }
            }
            record = body + readUint16(b, record + 11);
        }
        return true;
    }
}
