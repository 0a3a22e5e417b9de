package org.webims.media.srtp;

import java.security.SecureRandom;
import java.util.Arrays;
import org.webims.media.sdp.CryptoKey;

/**
 * One master key and master salt for a profile (RFC 3711 §3.2.1), with the key lifetime in
 * packets. Immutable; the key bytes never appear in {@link #toString()}.
 */
public final class SrtpMasterKey {

    /** RFC 3711 §9.2: at most 2^48 SRTP packets per master key. */
    public static final long MAX_SRTP_PACKETS = 1L << 48;
    /** RFC 3711 §9.2: at most 2^31 SRTCP packets per master key. */
    public static final long MAX_SRTCP_PACKETS = 1L << 31;

    private final SrtpProfile profile;
    private final byte[] key;
    private final byte[] salt;
    private final long lifetimePackets;

    private SrtpMasterKey(SrtpProfile profile, byte[] key, byte[] salt, long lifetimePackets) {
        this.profile = profile;
        this.key = key;
        this.salt = salt;
        this.lifetimePackets = lifetimePackets;
    }

    /** A master key from raw key and salt bytes (DTLS-SRTP exporter halves, tests). */
    public static SrtpMasterKey of(SrtpProfile profile, byte[] key, byte[] salt) throws InvalidSrtpKeyException {
        if (key.length != profile.keyLength() || salt.length != profile.saltLength()) {
            throw new InvalidSrtpKeyException(profile.sdesName() + " needs a " + profile.keyLength()
                    + "-byte key and a " + profile.saltLength() + "-byte salt, got " + key.length
                    + " and " + salt.length);
        }
        return new SrtpMasterKey(profile, key.clone(), salt.clone(), MAX_SRTP_PACKETS);
    }

    /** A fresh random master key, for our own SDES offer or answer. */
    public static SrtpMasterKey random(SrtpProfile profile, SecureRandom random) {
        byte[] key = new byte[profile.keyLength()];
        byte[] salt = new byte[profile.saltLength()];
        random.nextBytes(key);
        random.nextBytes(salt);
        return new SrtpMasterKey(profile, key, salt, MAX_SRTP_PACKETS);
    }

    /**
     * The master key of an SDES inline key of {@code a=crypto} (RFC 4568 §6.1), as the SDP parser
     * gives it: base64 key||salt and an optional lifetime. An MKI is refused: packets would then
     * carry an MKI field, which we neither send nor strip.
     */
    public static SrtpMasterKey fromSdes(SrtpProfile profile, CryptoKey inline) throws InvalidSrtpKeyException {
        if (inline.mkiLength() != 0) {
            throw new InvalidSrtpKeyException("MKI " + inline.mki() + ":" + inline.mkiLength()
                    + " is not supported (RFC 4568 §6.1)");
        }
        byte[] keySalt;
        try {
            keySalt = inline.keySalt();
        } catch (IllegalArgumentException e) {
            throw new InvalidSrtpKeyException("inline key is not base64: " + e.getMessage());
        }
        int expected = profile.keyLength() + profile.saltLength();
        if (keySalt.length != expected) {
            throw new InvalidSrtpKeyException(profile.sdesName() + " inline key must decode to " + expected
                    + " bytes (key||salt), got " + keySalt.length);
        }
        long lifetime = inline.lifetime() == null ? MAX_SRTP_PACKETS : parseLifetime(inline.lifetime());
        byte[] key = Arrays.copyOfRange(keySalt, 0, profile.keyLength());
        byte[] salt = Arrays.copyOfRange(keySalt, profile.keyLength(), expected);
        Arrays.fill(keySalt, (byte) 0);
        return new SrtpMasterKey(profile, key, salt, lifetime);
    }

    /** RFC 4568 §6.1 lifetime: "2^n" or a decimal count of packets, capped at 2^48. */
    private static long parseLifetime(String field) throws InvalidSrtpKeyException {
        try {
            if (field.startsWith("2^")) {
                int exponent = Integer.parseInt(field.substring(2));
                if (exponent < 1 || exponent > 48) {
                    throw new InvalidSrtpKeyException("key lifetime 2^" + exponent + " is outside 2^1..2^48");
                }
                return 1L << exponent;
            }
            long value = Long.parseLong(field);
            if (value < 1) {
                throw new InvalidSrtpKeyException("key lifetime must be positive: " + field);
            }
            return Math.min(value, MAX_SRTP_PACKETS);
        } catch (NumberFormatException e) {
            throw new InvalidSrtpKeyException("key lifetime is not a number: '" + field + "'");
        }
    }

    /** Our inline key for an {@code a=crypto} line: key||salt, no lifetime, no MKI. */
    public CryptoKey toSdes() {
        byte[] keySalt = new byte[key.length + salt.length];
        System.arraycopy(key, 0, keySalt, 0, key.length);
        System.arraycopy(salt, 0, keySalt, key.length, salt.length);
        CryptoKey inline = CryptoKey.inline(keySalt);
        Arrays.fill(keySalt, (byte) 0);
        return inline;
    }

    public SrtpProfile profile() { return profile; }

    /** A copy of the master key. */
    public byte[] key() { return key.clone(); }

    /** A copy of the master salt. */
    public byte[] salt() { return salt.clone(); }

    /** Packets this key may protect (SDES lifetime, at most 2^48; SRTCP is further capped at 2^31). */
    public long lifetimePackets() { return lifetimePackets; }

    byte[] keyBytes() { return key; }

    byte[] saltBytes() { return salt; }

    @Override
    public String toString() {
        return "SrtpMasterKey[" + profile + ", lifetime=" + lifetimePackets + "]";
    }
}
