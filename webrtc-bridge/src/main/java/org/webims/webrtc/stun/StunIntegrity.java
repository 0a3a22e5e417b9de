package org.webims.webrtc.stun;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * MESSAGE-INTEGRITY with ICE's short-term credential (RFC 8489 §14.5, §9.1: the key is the
 * password): HMAC-SHA1 over the message up to the attribute, with the header's length as if
 * the message ended after it. One Mac reused; not thread-safe.
 */
public final class StunIntegrity {

    private final Mac mac;
    private final byte[] digest = new byte[20];
    private final byte[] lengthField = new byte[2];

    public StunIntegrity(String password) {
        try {
            mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 missing from the JDK", e);
        }
    }

    /** Whether the message the reader holds carries a correct MESSAGE-INTEGRITY. */
    public boolean verify(StunMessageReader message) {
        int at = message.integrityOffset();
        if (at < 0) {
            return false;
        }
        byte[] b = message.buffer();
        compute(b, message.offset(), at);
        return constantTimeEquals(b, at + 4);
    }

    private boolean constantTimeEquals(byte[] b, int at) {
        int diff = 0;
        for (int i = 0; i < 20; i++) {
            diff |= digest[i] ^ b[at + i];
        }
        return diff == 0;
    }

    /** Writes the 24-byte attribute at {@code at} of a message starting at {@code start}. */
    void write(byte[] b, int start, int at) {
        compute(b, start, at);
        b[at] = 0;
        b[at + 1] = (byte) StunMessageReader.MESSAGE_INTEGRITY;
        b[at + 2] = 0;
        b[at + 3] = 20;
        System.arraycopy(digest, 0, b, at + 4, 20);
    }

    private void compute(byte[] b, int start, int integrityAt) {
        int adjusted = integrityAt - start - StunMessageReader.HEADER + 24;
        lengthField[0] = (byte) (adjusted >>> 8);
        lengthField[1] = (byte) adjusted;
        mac.update(b, start, 2);
        mac.update(lengthField, 0, 2);
        mac.update(b, start + 4, integrityAt - start - 4);
        try {
            mac.doFinal(digest, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
