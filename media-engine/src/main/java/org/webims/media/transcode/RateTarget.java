package org.webims.media.transcode;

/**
 * What a downstream limit (REMB, TMMBR, a send-side estimate) makes of an encoder's target, video's
 * or Opus's. A limit
 * at or above the encoder's configured rate (its typical rate for the size, capped by the H.264
 * level's) does not limit: neither REMB nor TMMBR (RFC 5104 §4.2.1) can say "no limit", so a high
 * one is how a receiver lifts it, and a REMB above what we meant to send never raises our rate.
 */
final class RateTarget {

    /** The least target a limit sets: below it neither codec makes a picture worth sending. */
    static final long FLOOR_BPS = 50_000;

    private RateTarget() { }

    /** The target under {@code limitBps} for an encoder configured at {@code configuredBps}; 0: unlimited. */
    static long of(long limitBps, long configuredBps) {
        return of(limitBps, configuredBps, FLOOR_BPS);
    }

    /** As {@link #of(long, long)}, for an encoder whose least useful target is {@code floorBps}. */
    static long of(long limitBps, long configuredBps, long floorBps) {
        if (limitBps <= 0 || limitBps >= configuredBps) {
            return 0;
        }
        return Math.max(floorBps, limitBps);
    }
}
