package org.webims.webrtc.stun;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Writes Binding responses into a caller's buffer (RFC 8489 §6.3): success with
 * XOR-MAPPED-ADDRESS, or an error with ERROR-CODE; then MESSAGE-INTEGRITY and FINGERPRINT.
 * Not thread-safe.
 */
public final class StunResponseWriter {

    private final CRC32 crc = new CRC32();
    private final byte[] transactionId = new byte[12];

    /** Returns the response's length. {@code out} needs 80 bytes. */
    public int bindingSuccess(StunMessageReader request, InetSocketAddress mapped,
                              StunIntegrity integrity, byte[] out) {
        request.transactionId(transactionId, 0);
        int p = header(out, StunMessageReader.BINDING_SUCCESS);
        p = xorMappedAddress(out, p, mapped);
        return finish(out, p, integrity);
    }

    /** An error response (400 Bad Request, 401 Unauthorized, 487 Role Conflict). */
    public int bindingError(StunMessageReader request, int code, String reason,
                            StunIntegrity integrity, byte[] out) {
        request.transactionId(transactionId, 0);
        int p = header(out, StunMessageReader.BINDING_ERROR);
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int len = 4 + text.length;
        p = attributeHeader(out, p, StunMessageReader.ERROR_CODE, len);
        out[p] = 0;
        out[p + 1] = 0;
        out[p + 2] = (byte) (code / 100);
        out[p + 3] = (byte) (code % 100);
        System.arraycopy(text, 0, out, p + 4, text.length);
        p = pad(out, p + len);
        return finish(out, p, integrity);
    }

    private int header(byte[] out, int type) {
        out[0] = (byte) (type >>> 8);
        out[1] = (byte) type;
        writeInt(out, 4, StunMessageReader.MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, out, 8, 12);
        return StunMessageReader.HEADER;
    }

    private int xorMappedAddress(byte[] out, int p, InetSocketAddress mapped) {
        byte[] address = mapped.getAddress().getAddress();
        boolean v4 = mapped.getAddress() instanceof Inet4Address;
        p = attributeHeader(out, p, StunMessageReader.XOR_MAPPED_ADDRESS, v4 ? 8 : 20);
        out[p] = 0;
        out[p + 1] = (byte) (v4 ? 1 : 2);
        int port = mapped.getPort() ^ (StunMessageReader.MAGIC_COOKIE >>> 16);
        out[p + 2] = (byte) (port >>> 8);
        out[p + 3] = (byte) port;
        // RFC 8489 §14.2: XOR with the cookie, and for IPv6 with the transaction id after it
        for (int i = 0; i < address.length; i++) {
            int key = i < 4 ? (StunMessageReader.MAGIC_COOKIE >>> (24 - 8 * i)) & 0xff : transactionId[i - 4] & 0xff;
            out[p + 4 + i] = (byte) (address[i] ^ key);
        }
        return p + 4 + address.length;
    }

    private int finish(byte[] out, int p, StunIntegrity integrity) {
        if (integrity != null) {
            integrity.write(out, 0, p);
            p += 24;
        }
        int lengthWithFingerprint = p + 8 - StunMessageReader.HEADER;
        out[2] = (byte) (lengthWithFingerprint >>> 8);
        out[3] = (byte) lengthWithFingerprint;
        crc.reset();
        crc.update(out, 0, p);
        attributeHeader(out, p, StunMessageReader.FINGERPRINT, 4);
        writeInt(out, p + 4, (int) crc.getValue() ^ StunMessageReader.FINGERPRINT_XOR);
        return p + 8;
    }

    private static int attributeHeader(byte[] out, int p, int type, int length) {
        out[p] = (byte) (type >>> 8);
        out[p + 1] = (byte) type;
        out[p + 2] = (byte) (length >>> 8);
        out[p + 3] = (byte) length;
        return p + 4;
    }

    private static int pad(byte[] out, int p) {
        while ((p & 3) != 0) {
            out[p++] = 0;
        }
        return p;
    }

    static void writeInt(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}
