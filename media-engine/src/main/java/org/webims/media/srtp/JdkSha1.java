package org.webims.media.srtp;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.MessageDigest;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK's SHA-1 compression function ({@code sun.security.provider.SHA.implCompress0}), which C2
 * replaces by its SHA-NI stub, reached through a method handle when the JVM opens the package
 * ({@code --add-opens java.base/sun.security.provider=ALL-UNNAMED}, decision 0049). What
 * {@link MessageDigest} does not offer is a chaining value set from outside: HMAC's inner and
 * outer states, computed once per key (RFC 2104 §4), go into the engine's {@code state} array
 * (its own, read once) before a message, so the ipad and opad blocks are not hashed again per
 * packet. Without the opening, or where the JDK's class differs or a self-check against
 * {@link MessageDigest} fails, HMAC stays on {@link HmacSha1} (a {@link MessageDigest}, the pads hashed
 * per message); which one is logged once at INFO.
 */
final class JdkSha1 {

    private static final Logger LOG = LoggerFactory.getLogger(JdkSha1.class);
    static final String ADD_OPENS = "--add-opens java.base/sun.security.provider=ALL-UNNAMED";

    /** newSha, state getter, implCompress0 as below; null when not reachable. */
    private static final MethodHandle[] HANDLES = find();
    /** () -> SHA, as Object. */
    private static final MethodHandle NEW_SHA = HANDLES == null ? null : HANDLES[0];
    /** (SHA) -> its int[5] chaining value. */
    private static final MethodHandle STATE = HANDLES == null ? null : HANDLES[1];
    /** implCompress0(sha, block, offset): one 64-byte block into the state, no bounds checked. */
    private static final MethodHandle COMPRESS = HANDLES == null ? null : HANDLES[2];

    private JdkSha1() { }

    static boolean available() {
        return COMPRESS != null;
    }

    private static MethodHandle[] find() {
        try {
            Class<?> sha = Class.forName("sun.security.provider.SHA");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(sha, MethodHandles.lookup());
            MethodHandle[] h = {
                lookup.findConstructor(sha, MethodType.methodType(void.class))
                        .asType(MethodType.methodType(Object.class)),
                lookup.findGetter(sha, "state", int[].class)
                        .asType(MethodType.methodType(int[].class, Object.class)),
                lookup.findVirtual(sha, "implCompress0", MethodType.methodType(void.class, byte[].class, int.class))
                        .asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class)),
            };
            if (!matchesDigest(h)) {
                LOG.atWarn().log("the JDK's SHA-1 compression gave a wrong digest; HMAC-SHA1 stays on MessageDigest");
                return null;
            }
            LOG.atInfo().addKeyValue("sha1", "jdk").log("SRTP HMAC-SHA1: precomputed pad states, the JDK's SHA-1 compression");
            return h;
        } catch (Throwable e) { // reflective failures, and whatever the JDK's constructor may throw
            LOG.atInfo().addKeyValue("sha1", "digest").addKeyValue("reason", e.toString())
                    .log("SRTP HMAC-SHA1: pads hashed per packet through MessageDigest; " + ADD_OPENS
                            + " would start from precomputed states");
            return null;
        }
    }

    // checked once: a two-block message from the FIPS 180-4 initial value against MessageDigest's digest
    private static boolean matchesDigest(MethodHandle[] h) throws Throwable {
        byte[] message = new byte[128];
        for (int i = 0; i < 119; i++) {
            message[i] = (byte) (31 * i + 7);
        }
        byte[] expected = MessageDigest.getInstance("SHA-1").digest(Arrays.copyOf(message, 119));
        message[119] = (byte) 0x80; // FIPS 180-4 §5.1.1 padding: 1, zeros, the length in bits
        message[126] = (byte) ((119 * 8) >>> 8);
        message[127] = (byte) (119 * 8);
        Object sha = (Object) h[0].invokeExact();
        int[] state = (int[]) h[1].invokeExact(sha);
        Sha1Engine.initialValue(state);
        h[2].invokeExact(sha, message, 0);
        h[2].invokeExact(sha, message, 64);
        byte[] digest = new byte[20];
        Sha1Engine.writeState(state, digest, 0);
        return Arrays.equals(digest, expected);
    }

    /** A new engine; its {@link #state} is the array {@link #compress} chains through. */
    static Object newSha() {
        try {
            return (Object) NEW_SHA.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The engine's chaining value H0..H4 (the array itself, written and read by the caller). */
    static int[] state(Object sha) {
        try {
            return (int[]) STATE.invokeExact(sha);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Compresses {@code b[off, off+64)} into the engine's state; the range checked by the caller. */
    static void compress(Object sha, byte[] b, int off) {
        try {
            COMPRESS.invokeExact(sha, b, off);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
