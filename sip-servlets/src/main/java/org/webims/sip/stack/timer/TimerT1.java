package org.webims.sip.stack.timer;

import java.util.Properties;

/**
 * RFC 3261 §17.1.1.1's T1, "an estimate of the round-trip time": 500 ms by default, and it "MAY be
 * chosen smaller" on a network with a known small round-trip time, larger on a slow one. It is the
 * container's one source of T1: JAIN-SIP's transaction and dialog timers run scaled to it
 * ({@link T1ScaledTasks}), and the container's own timers derived from T1 (the 64*T1 of RFC 3262's
 * missing PRACK, of application composition state) read it from here.
 *
 * <p>JAIN-SIP 1.3 has T1 as a compile-time constant (500 ms) and counts its timers in ticks of it,
 * with T2 as 8 ticks and T4 as 10: so T2 and T4 follow T1 in proportion (4 s and 5 s at 500 ms),
 * as do the stack's other intervals counted from T1 (see {@link T1ScaledTasks}).
 *
 * @param millis T1 in milliseconds, {@value #MIN_MILLIS} to {@value #MAX_MILLIS}
 */
public record TimerT1(long millis) {
    /** RFC 3261 §17.1.1.1's default, and JAIN-SIP's fixed base timer interval. */
    public static final long RFC_DEFAULT_MILLIS = 500;
    /**
     * Five ticks of the timer wheel ({@link WheelSipTimer#TICK_MILLIS}): JAIN-SIP re-arms its
     * T1 tick from when the last one ran, each up to a wheel tick late, so below this a stack
     * timer counted in T1 ticks would run more than a fifth longer than asked.
     */
    public static final long MIN_MILLIS = 5 * WheelSipTimer.TICK_MILLIS;
    /** 64*T1 is then over ten minutes, which no SIP peer waits. */
    public static final long MAX_MILLIS = 10_000;
    public static final TimerT1 DEFAULT = new TimerT1(RFC_DEFAULT_MILLIS);
    /** The stack property that carries T1 to the stack's timer, which JAIN-SIP makes by class name. */
    static final String PROPERTY = "org.webims.sip.timer.T1_MILLIS";

    public TimerT1 {
        if (millis < MIN_MILLIS || millis > MAX_MILLIS) {
            throw new IllegalArgumentException("SIP timer T1 must be " + MIN_MILLIS + ".." + MAX_MILLIS
                    + " ms (RFC 3261 §17.1.1.1: 500 by default): " + millis);
        }
    }

    public static TimerT1 ofMillis(long millis) {
        return new TimerT1(millis);
    }

    /** {@code n}*T1 in milliseconds; 64*T1 is how long a transaction waits (RFC 3261 §17.1.1.2, §13.3.1.4). */
    public long times(int n) {
        return n * millis;
    }

    public boolean isDefault() {
        return millis == RFC_DEFAULT_MILLIS;
    }

    public void writeTo(Properties stackProperties) {
        stackProperties.setProperty(PROPERTY, Long.toString(millis));
    }

    /** The T1 {@link #writeTo} put in {@code stackProperties}; the default when there is none (a stack not started by SipStackHost). */
    public static TimerT1 readFrom(Properties stackProperties) {
        String value = stackProperties == null ? null : stackProperties.getProperty(PROPERTY);
        if (value == null) {
            return DEFAULT;
        }
        try {
            return new TimerT1(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("stack property " + PROPERTY + " is not a whole number: " + value, e);
        }
    }
}
