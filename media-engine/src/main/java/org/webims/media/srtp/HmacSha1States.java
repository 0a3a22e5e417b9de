package org.webims.media.srtp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * HMAC-SHA1 (RFC 2104) under one key, from the key's two precomputed chaining values: SHA-1 after
 * the block K XOR ipad and after K XOR opad (RFC 2104 §4, "Implementation note"). A message then
 * costs its own blocks and one outer block: for an audio-sized SRTP packet (RFC 3711 §4.2: M = the
 * authenticated portion || ROC, about 176 bytes) four compressions instead of six, since
 * neither pad block is hashed again. The per-key state is ten ints; the compression runs on this
 * thread's {@link Sha1Engine} (the JDK's SHA-1 intrinsic). Nothing is allocated
 * per message. Only where {@link JdkSha1#available()}: a compression in Java instead took about 3.5
 * times the {@link java.security.MessageDigest} path's time (decision 0049). Immutable; safe to
 * share, the engine being the thread's.
 */
final class HmacSha1States implements Sha1Mac {

    private static final int BLOCK = 64;

    /** SHA-1's state after K XOR ipad (0-4) and after K XOR opad (5-9). */
    private final int[] states = new int[10];

    HmacSha1States(byte[] key) {
        byte[] k = key.length > BLOCK ? sha1(key) : key; // RFC 2104 §2: a longer key is hashed first
        byte[] pad = new byte[BLOCK];
        Sha1Engine engine = Sha1Engine.ofThisThread();
        for (int half = 0; half < 2; half++) {
            byte xor = half == 0 ? (byte) 0x36 : (byte) 0x5c;
            for (int i = 0; i < BLOCK; i++) {
                pad[i] = (byte) ((i < k.length ? k[i] : 0) ^ xor);
            }
            Sha1Engine.initialValue(engine.state);
            engine.compress(pad, 0);
            System.arraycopy(engine.state, 0, states, 5 * half, 5);
        }
        Arrays.fill(pad, (byte) 0);
    }

    private static byte[] sha1(byte[] key) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(key);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    @Override
    public void mac(byte[] b, int off, int len, byte[] out, int at) {
        hmac(b, off, len, 0, 0, out, at);
    }

    @Override
    public void macWithRoc(byte[] b, int off, int len, int roc, byte[] out, int at) {
        hmac(b, off, len, roc, 4, out, at);
    }

    private void hmac(byte[] b, int off, int len, int roc, int rocBytes, byte[] out, int at) {
        Objects.checkFromIndexSize(off, len, b.length);
        Objects.checkFromIndexSize(at, LENGTH, out.length);
        Sha1Engine engine = Sha1Engine.ofThisThread();
        int[] h = engine.state;
        byte[] t = engine.tail;
        // inner: SHA-1(K XOR ipad || M) from the state after the pad block
        System.arraycopy(states, 0, h, 0, 5);
        int whole = len & ~(BLOCK - 1);
        for (int i = 0; i < whole; i += BLOCK) {
            engine.compress(b, off + i); // straight from the packet
        }
        int n = len - whole;
        System.arraycopy(b, off + whole, t, 0, n);
        if (rocBytes != 0) {
            AesCmHmacSha1Cipher.writeInt(t, n, roc);
            n += rocBytes;
        }
        t[n++] = (byte) 0x80; // FIPS 180-4 §5.1.1: a 1 bit, zeros, the length of all that was hashed
        int end = n <= BLOCK - 8 ? BLOCK : 2 * BLOCK;
        Arrays.fill(t, n, end - 8, (byte) 0);
        PacketLayout.writeLong(t, end - 8, ((long) BLOCK + len + rocBytes) << 3);
        engine.compress(t, 0);
        if (end > BLOCK) {
            engine.compress(t, BLOCK);
        }
        // outer: SHA-1(K XOR opad || inner hash), one block
        Sha1Engine.writeState(h, t, 0);
        System.arraycopy(states, 5, h, 0, 5);
        t[LENGTH] = (byte) 0x80;
        Arrays.fill(t, LENGTH + 1, BLOCK - 8, (byte) 0);
        PacketLayout.writeLong(t, BLOCK - 8, (long) (BLOCK + LENGTH) << 3);
        engine.compress(t, 0);
        Sha1Engine.writeState(h, out, at);
    }
}
