package org.webims.media.srtp;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK's GHASH block loop ({@code com.sun.crypto.provider.GHASH.processBlocks}), which C2 replaces
 * by its carry-less-multiply intrinsic, reached through a method handle when the JVM was started
 * with {@code --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED} (decision 0029); without
 * it {@link GcmHash} keeps its own tables. The JDK 17 layout: the state Y as two big-endian longs,
 * the hash key H in the first two longs of the subkey table (the intrinsic keeps its powers of H in
 * the rest). The intrinsic checks no bounds: callers pass ranges inside the array, and the table is
 * as long as the JDK's own ({@link #subkeyLongs}), read from a GHASH it makes, not assumed.
 */
final class JdkGhash {

    private static final Logger LOG = LoggerFactory.getLogger(JdkGhash.class);
    static final String ADD_OPENS = "--add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED";
    /** Longs of the JDK's subkey table (18 on JDK 17 and 25): H, then room for the intrinsic's powers of H. */
    private static int subkeyLongs;
    /** processBlocks(byte[] data, int offset, int blocks, long[] state, long[] subkey), or null. */
    private static final MethodHandle PROCESS_BLOCKS = find();

    private JdkGhash() { }

    static boolean available() {
        return PROCESS_BLOCKS != null;
    }

    /** The length a subkey table handed to {@link #processBlocks} must have; only when {@link #available}. */
    static int subkeyLongs() {
        return subkeyLongs;
    }

    private static MethodHandle find() {
        try {
            Class<?> ghash = Class.forName("com.sun.crypto.provider.GHASH");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(ghash, MethodHandles.lookup());
            MethodHandle h = lookup.findStatic(ghash, "processBlocks",
                    MethodType.methodType(void.class, byte[].class, int.class, int.class, long[].class, long[].class));
            // the stub writes powers of H into the table: size ours as the JDK sizes its own
            Object jdkGhash = lookup.findConstructor(ghash, MethodType.methodType(void.class, byte[].class))
                    .invoke(new byte[16]);
            subkeyLongs = ((long[]) lookup.findGetter(ghash, "subkeyHtbl", long[].class).invoke(jdkGhash)).length;
            if (subkeyLongs < 2 || !computesGhash(h)) {
                LOG.atWarn().log("the JDK's GHASH gave a wrong product; GCM's GHASH stays on our tables");
                return null;
            }
            LOG.atInfo().addKeyValue("ghash", "jdk").log("SRTP AES-GCM: GHASH through the JDK's intrinsic");
            return h;
        } catch (Throwable e) { // reflective failures, and whatever the JDK's constructor may throw
            LOG.atInfo().addKeyValue("ghash", "tables").addKeyValue("reason", e.toString())
                    .log("SRTP AES-GCM: GHASH on our tables; " + ADD_OPENS + " would take the JDK's intrinsic");
            return null;
        }
    }

    // the layout checked once: H = x^0 (bit 0 set), the identity, so Y = X for one block (SP 800-38D §6.3)
    private static boolean computesGhash(MethodHandle h) {
        long[] state = new long[2];
        long[] subkey = new long[subkeyLongs];
        subkey[0] = Long.MIN_VALUE;
        byte[] x = new byte[16];
        for (int i = 0; i < 16; i++) {
            x[i] = (byte) (0x11 * i + 3);
        }
        try {
            h.invokeExact(x, 0, 1, state, subkey);
        } catch (Throwable t) {
            return false;
        }
        return state[0] == PacketLayout.readLong(x, 0) && state[1] == PacketLayout.readLong(x, 8);
    }

    /** Y = (...((Y xor X_1) * H) xor X_2) * H ... over {@code blocks} blocks at {@code data[offset]}. */
    static void processBlocks(byte[] data, int offset, int blocks, long[] state, long[] subkey) {
        try {
            PROCESS_BLOCKS.invokeExact(data, offset, blocks, state, subkey);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
