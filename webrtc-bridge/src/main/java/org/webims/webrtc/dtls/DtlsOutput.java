package org.webims.webrtc.dtls;

/** Sends DTLS records to the peer (over the ICE-selected pair); must not block for long. */
@FunctionalInterface
public interface DtlsOutput {
    void send(byte[] buffer, int offset, int length) throws java.io.IOException;
}
