package org.webims.ims.headers;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh icid-values for P-Charging-Vector (RFC 7315 §4.6: globally unique across time and space).
 * 32 lower-case hex digits, a token: 12 of the time in milliseconds, 4 of a per-generator counter
 * (unique within a millisecond) and 16 random ones (unique across nodes). Thread-safe.
 */
public final class IcidGenerator {

    public static final int LENGTH = 32;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final SecureRandom random;
    private final AtomicInteger counter = new AtomicInteger();

    public IcidGenerator() {
        this(new SecureRandom());
    }

    public IcidGenerator(SecureRandom random) {
        this.random = random;
    }

    public String next() {
        char[] out = new char[LENGTH];
        put(out, 0, System.currentTimeMillis(), 12);
        put(out, 12, counter.getAndIncrement(), 4);
        put(out, 16, random.nextLong(), 16);
        return new String(out);
    }

    private static void put(char[] out, int at, long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
