package org.webims.media.srtp;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK's AES counter mode ({@code com.sun.crypto.provider.CounterMode} over {@code AESCrypt}),
 * whose {@code implCrypt} C2 replaces by its AES-NI stub that keeps several blocks in flight, reached
 * through method handles when the JVM opens the package (the same {@code --add-opens} as
 * {@link JdkGhash}, decision 0043). A new counter per packet goes in by writing the mode's IV array
 * (ours, given at init) and calling its {@code reset}: no {@code Cipher.init}, nothing allocated.
 * Without the opening, or where the JDK's classes differ or a self-check against AES/ECB fails,
 * {@link AesCtr} builds its counter blocks for AES/ECB itself; which one is logged once at INFO.
 */
final class JdkAesCtr {

    private static final Logger LOG = LoggerFactory.getLogger(JdkAesCtr.class);
    private static final MethodType CRYPT_TYPE =
            MethodType.methodType(int.class, byte[].class, int.class, int.class, byte[].class, int.class);

    /** newAes, newMode, init, reset, implCrypt as below; null when not reachable. */
    private static final MethodHandle[] HANDLES = find();
    /** () -> AESCrypt, as Object. */
    private static final MethodHandle NEW_AES = HANDLES == null ? null : HANDLES[0];
    /** (AESCrypt) -> CounterMode, as Objects. */
    private static final MethodHandle NEW_MODE = HANDLES == null ? null : HANDLES[1];
    /** init(mode, decrypting, algorithm, key, iv). */
    private static final MethodHandle INIT = HANDLES == null ? null : HANDLES[2];
    /** reset(mode): the counter from the IV array, no keystream left over. */
    private static final MethodHandle RESET = HANDLES == null ? null : HANDLES[3];
    /** implCrypt(mode, in, inOff, len, out, outOff). */
    private static final MethodHandle CRYPT = HANDLES == null ? null : HANDLES[4];

    private JdkAesCtr() { }

    static boolean available() {
        return CRYPT != null;
    }

    private static MethodHandle[] find() {
        try {
            Class<?> mode = Class.forName("com.sun.crypto.provider.CounterMode");
            Class<?> aes = Class.forName("com.sun.crypto.provider.AESCrypt");
            Class<?> symmetric = Class.forName("com.sun.crypto.provider.SymmetricCipher");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(mode, MethodHandles.lookup());
            MethodHandles.Lookup aesLookup = MethodHandles.privateLookupIn(aes, MethodHandles.lookup());
            MethodHandle[] h = {
                aesLookup.findConstructor(aes, MethodType.methodType(void.class))
                        .asType(MethodType.methodType(Object.class)),
                lookup.findConstructor(mode, MethodType.methodType(void.class, symmetric))
                        .asType(MethodType.methodType(Object.class, Object.class)),
                lookup.findVirtual(mode, "init",
                                MethodType.methodType(void.class, boolean.class, String.class, byte[].class, byte[].class))
                        .asType(MethodType.methodType(void.class, Object.class, boolean.class, String.class,
                                byte[].class, byte[].class)),
                lookup.findVirtual(mode, "reset", MethodType.methodType(void.class))
                        .asType(MethodType.methodType(void.class, Object.class)),
                lookup.findVirtual(mode, "implCrypt", CRYPT_TYPE).asType(CRYPT_TYPE.insertParameterTypes(0, Object.class)),
            };
            if (!matchesEcb(h)) {
                LOG.atWarn().log("the JDK's AES counter mode gave a wrong keystream; SRTP's AES stays on AES/ECB");
                return null;
            }
            LOG.atInfo().addKeyValue("aes", "jdk-ctr").log("SRTP AES: counter mode through the JDK's intrinsic");
            return h;
        } catch (Throwable e) { // reflective failures, and whatever the JDK's constructors may throw
            LOG.atInfo().addKeyValue("aes", "ecb").addKeyValue("reason", e.toString())
                    .log("SRTP AES: counter blocks through AES/ECB; " + JdkGhash.ADD_OPENS
                            + " would take the JDK's counter mode");
            return null;
        }
    }

    // checked once: three blocks from a counter whose low bytes carry, against AES/ECB of each counter block
    private static boolean matchesEcb(MethodHandle[] h) throws Throwable {
        byte[] key = new byte[16];
        byte[] counter = new byte[16];
        for (int i = 0; i < 16; i++) {
            key[i] = (byte) (17 * i + 5);
            counter[i] = (byte) (0xf0 + i);
        }
        counter[15] = (byte) 0xfe; // +1 carries into byte 14 at the third block
        byte[] blocks = new byte[48];
        System.arraycopy(counter, 0, blocks, 0, 16);
        System.arraycopy(counter, 0, blocks, 16, 16);
        blocks[31] = (byte) 0xff;
        System.arraycopy(counter, 0, blocks, 32, 14);
        blocks[46] = (byte) (counter[14] + 1);
        blocks[47] = 0;
        byte[] expected = new byte[48];
        try {
            AesCtr.ecb(key).update(blocks, 0, 48, expected, 0);
        } catch (GeneralSecurityException e) {
            return false;
        }
        Object mode = (Object) h[1].invokeExact((Object) h[0].invokeExact());
        h[2].invokeExact(mode, false, "AES", key, counter.clone());
        byte[] out = new byte[48];
        int n = (int) h[4].invokeExact(mode, new byte[48], 0, 48, out, 0);
        return n == 48 && Arrays.equals(out, expected);
    }

    /** A counter mode under {@code key} whose counter {@link #reset} takes from {@code iv} (16 bytes, kept). */
    static Object newMode(byte[] key, byte[] iv) {
        try {
            Object mode = (Object) NEW_MODE.invokeExact((Object) NEW_AES.invokeExact());
            INIT.invokeExact(mode, false, "AES", key, iv);
            return mode;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("the JDK's AES refused a key it accepted before", e);
        }
    }

    /** The counter from the IV array, no keystream left over. */
    static void reset(Object mode) {
        try {
            RESET.invokeExact(mode);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** XORs the next {@code len} keystream bytes with {@code in} into {@code out}; ranges checked by the caller. */
    static void crypt(Object mode, byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            int unused = (int) CRYPT.invokeExact(mode, in, inOff, len, out, outOff);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
