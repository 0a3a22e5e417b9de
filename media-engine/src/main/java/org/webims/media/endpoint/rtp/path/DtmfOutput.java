package org.webims.media.endpoint.rtp.path;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.rtp.payload.dtmf.DtmfSender;
import org.webims.media.rtp.payload.dtmf.TelephoneEvent;
import org.webims.media.rtp.session.OutboundRtpStream;

/**
 * DTMF digits sent as RFC 4733 telephone-events inside one audio stream we send: digits queue up
 * and go one after the other, one packet per {@link #PACKET_INTERVAL_MS} on the engine's
 * scheduler (§2.5.1.2: growing duration, the marker on the first packet, one timestamp for the
 * event; §2.5.1.4: the end packet three times), in the stream's own sequence numbers and
 * timeline. While an event is sent it replaces the audio packets (§3.1); the audio after it goes
 * on without a gap.
 *
 * <p>The audio path and the event ticker share the stream's header state: each takes a flag with
 * one compare-and-set around writing a packet, never a lock. While an event is on, an audio packet
 * that finds the flag taken is replaced anyway, so it is dropped and its sequence number handed
 * back; otherwise (the event's last packet is being written) it spins for that one packet, as the
 * ticker (not a media thread) does for the one audio packet being written.
 *
 * <p>The flag and the skips owed are fields of this object, not atomics of their own: every audio
 * packet of a relayed call takes and drops the flag, and in a relay of many calls each further
 * object is a cold line per packet (decision 0045). The flag is dropped by a release store (a plain
 * store on x86, no fence; the next taking is a compare-and-set, which orders all before it), and
 * the skips are swapped out only when some are owed.
 */
public final class DtmfOutput {

    /** What the endpoint gives: the negotiated telephone-event and a way to put our packets on the wire. */
    public interface Wire {
        /** The telephone-event payload type of what we send now, or -1 when none was negotiated. */
        int telephoneEventPayloadType();

        /** Its clock rate: the audio's (RFC 4733 §2.1 names the rate with the payload type). */
        int telephoneEventClockRate();

        /** Puts one packet of ours on the wire, its header taken from {@link OutboundRtpStream#nextInserted}. */
        void sendInserted(byte[] payload, int length, int payloadType, boolean marker, long nowNanos);
    }

    private static final Logger LOG = LoggerFactory.getLogger(DtmfOutput.class);

    /** One update per audio packet time: the events take the audio's slots. */
    public static final int PACKET_INTERVAL_MS = 20;
    /** The longest press we take; past 65535 timestamp units (1.36 s at 48 kHz) it goes as §2.5.1.5 segments. */
    public static final int MAX_DURATION_MS = 8000;
    /** Ticks of audio between two digits, so a receiver hears two presses (ITU-T Q.24's pause). */
    static final int GAP_TICKS = 3;
    static final int MAX_QUEUED = 64;
    /** -10 dBm0, the usual DTMF level (RFC 4733 §2.3.4 volume field). */
    static final int VOLUME = 10;

    private final OutboundRtpStream stream;
    private final Wire wire;
    private final ScheduledExecutorService scheduler;
    private static final VarHandle WRITING;
    private static final VarHandle SKIPS_OWED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            WRITING = lookup.findVarHandle(DtmfOutput.class, "writing", int.class);
            SKIPS_OWED = lookup.findVarHandle(DtmfOutput.class, "skipsOwed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** 1 while the audio path or the ticker writes a packet into the stream; through {@link #WRITING}. */
    @SuppressWarnings("unused")
    private volatile int writing;
    /** Audio packets replaced while the ticker held the flag, to hand back under it; through {@link #SKIPS_OWED}. */
    @SuppressWarnings("unused")
    private volatile int skipsOwed;
    private final ArrayBlockingQueue<Long> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
    private volatile boolean replacing;
    private ScheduledFuture<?> ticking; // guarded by this
    private boolean closed; // guarded by this

    // the ticker's own
    private final DtmfSender sender = new DtmfSender();
    private final byte[] payload = new byte[TelephoneEvent.LENGTH];
    private boolean starting;
    private long eventTimestamp;
    private int payloadType;
    private int gapLeft;

    private final AtomicInteger eventsSent = new AtomicInteger();
    private final AtomicInteger packetsSent = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile long audioReplaced;

    public DtmfOutput(OutboundRtpStream stream, Wire wire, ScheduledExecutorService scheduler) {
        this.stream = stream;
        this.wire = wire;
        this.scheduler = scheduler;
    }

    /**
     * Queues a digit (0-9, *, #, A-D) of {@code durationMs}; returns false, sending nothing, when
     * the peer did not negotiate telephone-event or too many digits wait already.
     *
     * @throws IllegalArgumentException for another character or a duration outside 1..8000 ms
     */
    public boolean send(char digit, int durationMs) {
        int event = checkedEvent(digit, durationMs);
        if (wire.telephoneEventPayloadType() < 0 || !queue.offer(((long) event << 32) | durationMs)) {
            refused.incrementAndGet();
            return false;
        }
        synchronized (this) {
            if (closed) {
                queue.clear();
                return false;
            }
            if (ticking == null) {
                ticking = scheduler.scheduleAtFixedRate(this::tick, 0, PACKET_INTERVAL_MS, TimeUnit.MILLISECONDS);
            }
        }
        return true;
    }

    /** The telephone-event of a DTMF digit; throws for what is none. */
    public static int checkedEvent(char digit, int durationMs) {
        int event = TelephoneEvent.eventOf(digit);
        if (event < 0) {
            throw new IllegalArgumentException("not a DTMF digit: '" + digit + "' (0-9, *, #, A-D)");
        }
        if (durationMs < 1 || durationMs > MAX_DURATION_MS) {
            throw new IllegalArgumentException("DTMF duration " + durationMs + " ms is not within 1.." + MAX_DURATION_MS);
        }
        return event;
    }

    /**
     * The audio path, before it writes a packet: false when the packet must not go (an event
     * replaces it, RFC 4733 §3.1). After true, the path calls {@link #audioDone()} once written.
     */
    public boolean audioMaySend() {
        while (!WRITING.compareAndSet(this, 0, 1)) {
            if (replacing) {
                SKIPS_OWED.getAndAdd(this, 1); // the ticker pays it back under the flag
                audioReplaced++;
                return false;
            }
            Thread.onSpinWait(); // the event's last packet is being written: the audio goes right after it
        }
        payOwedSkips();
        if (replacing) {
            stream.skipSourcePacket();
            WRITING.setRelease(this, 0);
            audioReplaced++;
            return false;
        }
        return true;
    }

    public void audioDone() {
        WRITING.setRelease(this, 0); // what was written is ordered before; the next taker's compare-and-set is a full fence
    }

    private void payOwedSkips() {
        if ((int) SKIPS_OWED.getAcquire(this) == 0) {
            return; // nearly always: skips are owed only while an event replaces audio
        }
        int owed = (int) SKIPS_OWED.getAndSet(this, 0);
        for (int i = 0; i < owed; i++) {
            stream.skipSourcePacket();
        }
    }

    // the engine scheduler, every packet interval while digits are queued or sent
    private void tick() {
        try {
            if (sender.hasNext()) {
                write();
                return;
            }
            if (gapLeft > 0) {
                gapLeft--;
                return;
            }
            Long next = queue.poll();
            if (next == null) {
                stopWhenIdle();
                return;
            }
            payloadType = wire.telephoneEventPayloadType();
            int clock = wire.telephoneEventClockRate();
            if (payloadType < 0 || clock <= 0) {
                refused.incrementAndGet(); // renegotiated away since it was queued
                return;
            }
            int durationMs = (int) (next & 0xFFFFFFFFL);
            sender.start((int) (next >>> 32), VOLUME, (int) Math.max(1, (long) durationMs * clock / 1000),
                    PACKET_INTERVAL_MS * clock / 1000);
            starting = true;
            write();
        } catch (RuntimeException e) {
            LOG.atDebug().setCause(e).log("DTMF tick failed"); // a periodic task must not die
        }
    }

    private void write() {
        int n = sender.next(payload, 0);
        boolean marker = sender.marker();
        long now = System.nanoTime();
        while (!WRITING.compareAndSet(this, 0, 1)) {
            Thread.onSpinWait(); // the audio path is writing one packet
        }
        try {
            payOwedSkips();
            if (starting) {
                starting = false;
                eventTimestamp = stream.insertionTimestamp(now);
                replacing = true;
            }
            boolean last = !sender.hasNext();
            if (last) {
                replacing = false; // audio arriving now waits for this packet, then follows it
                gapLeft = GAP_TICKS;
                eventsSent.incrementAndGet();
            }
            stream.nextInserted(eventTimestamp + sender.timestampOffset(), n);
            wire.sendInserted(payload, n, payloadType, marker, now);
            packetsSent.incrementAndGet();
        } finally {
            WRITING.setRelease(this, 0);
        }
    }

    private synchronized void stopWhenIdle() {
        if (queue.isEmpty() && ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    /** Stops sending; digits still queued are dropped. */
    public synchronized void close() {
        closed = true;
        queue.clear();
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    public void putStats(String prefix, Map<String, Long> out) {
        out.put(prefix + "dtmfEventsSent", (long) eventsSent.get());
        out.put(prefix + "dtmfPacketsSent", (long) packetsSent.get());
        out.put(prefix + "dtmfRefused", (long) refused.get());
        out.put(prefix + "audioReplacedByDtmf", audioReplaced);
    }
}
