package org.webims.media.rtp;

import java.time.Instant;

/** 64-bit NTP timestamps (RFC 3550 §4) and the SR/RR round-trip arithmetic (RFC 3550 §6.4.1). */
public final class NtpTime {

    /** Seconds from 1900-01-01 (NTP epoch) to 1970-01-01 (Unix epoch). */
    public static final long UNIX_EPOCH_IN_NTP_SECONDS = 2_208_988_800L;

    private NtpTime() {
    }

    /** NTP timestamp (32.32 fixed point) of a Unix time in milliseconds. */
    public static long fromUnixMillis(long unixMillis) {
        long seconds = Math.floorDiv(unixMillis, 1000) + UNIX_EPOCH_IN_NTP_SECONDS;
        long millis = Math.floorMod(unixMillis, 1000);
        return (seconds << 32) | ((millis << 32) / 1000);
    }

    /**
     * The wall clock now as an NTP timestamp, to the microsecond where the platform's clock has it:
     * the LSR a peer echoes and the arrival time of its report are then both finer than the
     * 1/65536 s unit of the round trip (RFC 3550 §6.4.1), so a loopback round trip of a fraction
     * of a millisecond does not round to zero as it would from {@link #fromUnixMillis}.
     */
    public static long now() {
        Instant t = Instant.now();
        long seconds = t.getEpochSecond() + UNIX_EPOCH_IN_NTP_SECONDS;
        return (seconds << 32) | (((long) t.getNano() << 32) / 1_000_000_000L);
    }

    /** Unix time in milliseconds of an NTP timestamp (rounded to the nearest millisecond). */
    public static long toUnixMillis(long ntp) {
        long seconds = (ntp >>> 32) - UNIX_EPOCH_IN_NTP_SECONDS;
        long fraction = ntp & 0xFFFFFFFFL;
        return seconds * 1000 + ((fraction * 1000 + (1L << 31)) >>> 32);
    }

    /** The middle 32 bits of an NTP timestamp: the LSR field of a report block. */
    public static int middle32(long ntp) {
        return (int) (ntp >>> 16);
    }

    /** A delay in nanoseconds in the 1/65536 s units of the DLSR field. */
    public static int toDlsrUnits(long delayNanos) {
        return (int) ((delayNanos << 16) / 1_000_000_000L);
    }

    /**
     * Round-trip time in milliseconds from a report block received at {@code arrivalNtp}:
     * A - LSR - DLSR (RFC 3550 §6.4.1, figure 2), or -1 if the block carries no LSR.
     */
    public static long roundTripMillis(long arrivalNtp, int lastSenderReport, int delaySinceLastSenderReport) {
        long units = roundTripUnits(arrivalNtp, lastSenderReport, delaySinceLastSenderReport);
        return units < 0 ? -1 : unitsToMillis(units);
    }

    /** A non-negative duration in 1/65536 s (LSR, DLSR and round-trip units) in whole milliseconds. */
    public static long unitsToMillis(long units) {
        return (units * 1000) >>> 16;
    }

    /**
     * The same round trip in the report's own unit, 1/65536 s (the middle 32 bits of NTP time),
     * or -1 if the block carries no LSR (RFC 3550 §6.4.1: "If no SR has been received yet, the
     * field is set to zero").
     */
    public static long roundTripUnits(long arrivalNtp, int lastSenderReport, int delaySinceLastSenderReport) {
        if (lastSenderReport == 0) {
            return -1;
        }
        long units = (middle32(arrivalNtp) - lastSenderReport - delaySinceLastSenderReport) & 0xFFFFFFFFL;
        if (units > 0x7FFFFFFFL) {
            return 0; // clocks disagree slightly: report zero rather than a negative RTT
        }
        return units;
    }
}
