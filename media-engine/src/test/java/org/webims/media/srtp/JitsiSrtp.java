package org.webims.media.srtp;

import java.util.HashMap;
import java.util.Map;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.utils.ByteArrayBuffer;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * jitsi-srtp, the reference we compare with (interop tests, bin/bench srtp): one direction of one
 * master key, contexts per SSRC as jitsi's transformers keep them. Test scope only.
 */
final class JitsiSrtp {

    static {
        // jitsi-srtp times each AES provider for ~10 s on first use and picks its bundled OpenSSL
        // binding here; name it up front (its own setting) so tests and the benchmark skip that.
        Aes.setFactoryClassName("org.jitsi.srtp.crypto.Aes$OpenSSLCipherFactory");
    }

    private final SrtpContextFactory factory;
    private final Map<Integer, SrtpCryptoContext> rtp = new HashMap<>();
    private final Map<Integer, SrtcpCryptoContext> rtcp = new HashMap<>();
    private final Buffer buffer = new Buffer();
    private int lastRtpSsrc;
    private SrtpCryptoContext lastRtp;

    JitsiSrtp(SrtpMasterKey key, boolean sender) {
        SrtpProfile p = key.profile();
        SrtpPolicy srtp = policy(p, p.srtpTagLength());
        SrtpPolicy srtcp = policy(p, p.srtcpTagLength());
        factory = new SrtpContextFactory(sender, key.key(), key.salt(), srtp, srtcp, new LoggerImpl("jitsi-srtp"));
    }

    private static SrtpPolicy policy(SrtpProfile p, int tagLength) {
        return p.aead()
                ? new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, p.keyLength(), SrtpPolicy.NULL_AUTHENTICATION, 0,
                        tagLength, p.saltLength())
                : new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, p.keyLength(), SrtpPolicy.HMACSHA1_AUTHENTICATION, 20,
                        tagLength, p.saltLength());
    }

    /** Protects in place; returns the new length, or -1 with jitsi's status printed. */
    int protectRtp(byte[] b, int off, int len) throws Exception {
        return finish(rtp(PacketLayout.readInt(b, off + 8)).transformPacket(buffer.set(b, off, len)));
    }

    int unprotectRtp(byte[] b, int off, int len) throws Exception {
        return finish(rtp(PacketLayout.readInt(b, off + 8)).reverseTransformPacket(buffer.set(b, off, len), false));
    }

    /** The SSRC's context; the last one is kept so the benchmark measures jitsi, not Integer boxing. */
    private SrtpCryptoContext rtp(int ssrc) {
        if (lastRtp == null || lastRtpSsrc != ssrc) {
            lastRtp = rtp.computeIfAbsent(ssrc, this::rtpContext);
            lastRtpSsrc = ssrc;
        }
        return lastRtp;
    }

    int protectRtcp(byte[] b, int off, int len) throws Exception {
        SrtcpCryptoContext c = rtcp.computeIfAbsent(PacketLayout.readInt(b, off + 4), this::rtcpContext);
        return finish(c.transformPacket(buffer.set(b, off, len)));
    }

    int unprotectRtcp(byte[] b, int off, int len) throws Exception {
        SrtcpCryptoContext c = rtcp.computeIfAbsent(PacketLayout.readInt(b, off + 4), this::rtcpContext);
        return finish(c.reverseTransformPacket(buffer.set(b, off, len)));
    }

    private int finish(SrtpErrorStatus status) {
        return status == SrtpErrorStatus.OK ? buffer.length : -1 - status.ordinal();
    }

    private SrtpCryptoContext rtpContext(int ssrc) {
        try {
            return factory.deriveContext(ssrc, 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private SrtcpCryptoContext rtcpContext(int ssrc) {
        try {
            return factory.deriveControlContext(ssrc);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** jitsi's packet view over our array; grows only past the array's end, which the tests leave room for. */
    private static final class Buffer implements ByteArrayBuffer {
        byte[] array;
        int offset;
        int length;

        Buffer set(byte[] b, int off, int len) {
            array = b;
            offset = off;
            length = len;
            return this;
        }

        @Override public byte[] getBuffer() { return array; }
        @Override public int getOffset() { return offset; }
        @Override public int getLength() { return length; }
        @Override public void setLength(int len) { length = len; }
        @Override public void setOffset(int off) { offset = off; }
        @Override public boolean isInvalid() { return false; }

        @Override
        public void readRegionToBuff(int off, int len, byte[] out) {
            System.arraycopy(array, offset + off, out, 0, len);
        }

        @Override
        public void grow(int howMuch) {
            if (offset + length + howMuch > array.length) {
                throw new IllegalStateException("test buffer has no room for " + howMuch + " more bytes");
            }
        }

        @Override
        public void append(byte[] data, int len) {
            grow(len);
            System.arraycopy(data, 0, array, offset + length, len);
            length += len;
        }

        @Override
        public void shrink(int len) {
            length = Math.max(0, length - len);
        }
    }
}
