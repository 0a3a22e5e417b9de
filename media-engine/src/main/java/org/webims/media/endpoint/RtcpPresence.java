package org.webims.media.endpoint;

import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaType;

/**
 * Whether the peer is in the RTP session, as Kurento's media state says (decision 0083): kms-core
 * takes it from GStreamer's rtpbin, per media type. A type becomes active on a sender or receiver
 * report from the peer (rtpbin's {@code on-ssrc-active}), and inactive on the peer's BYE (RFC 3550
 * §6.6) or once nothing, RTP or RTCP, came from it for five of its report intervals, at least 5 s
 * (RFC 3550 §6.3.5 as rtpbin times a source out: the interval is the source's own, between its last
 * two reports, at most 5 s, and 5 s until it sent two); after that only a new report revives it. RTP
 * alone never makes a type active. A report that names no media type of ours counts for a third slot.
 * Reports and BYEs are written on the I/O threads; {@link #active} runs on the flow monitor's tick.
 * Nothing is locked or allocated.
 */
public final class RtcpPresence {

    /** rtpbin's floor on a source's timeout, and the interval assumed before two reports gave one. */
    static final long FIVE_SECONDS = 5_000_000_000L;

    private final Slot audio = new Slot();
    private final Slot video = new Slot();
    /** Reports that named none of our types (an RR before we sent anything, from a source we never saw). */
    private final Slot other = new Slot();

    /**
     * A sender or receiver report from the peer's source {@code ssrc}, of {@code type}, or null when it
     * cannot be told; {@code nowNanos} is {@link System#nanoTime()} at its arrival.
     */
    public void report(MediaType type, int ssrc, long nowNanos) {
        slot(type).report(ssrc, nowNanos);
    }

    /**
     * A BYE for the peer's source {@code ssrc}: the type whose reports came from it (else {@code type})
     * leaves, as rtpbin's {@code on-bye-ssrc} ends kms's session of that type, whichever of its sources
     * said it; so do the reports no type could be given, which kms would have counted in one of its two.
     */
    public void bye(MediaType type, int ssrc, long nowNanos) {
        Slot s = audio.hadSource(ssrc) ? audio : video.hadSource(ssrc) ? video : type == null ? null : slot(type);
        if (s != null) {
            s.byeNanos = nowNanos;
        }
        other.byeNanos = nowNanos;
    }

    /**
     * The peer ended the session as a whole (a WebRTC peer's DTLS close_notify, decision 0091): every
     * type leaves as on a BYE, until a new report.
     */
    public void leave(long nowNanos) {
        audio.byeNanos = nowNanos;
        video.byeNanos = nowNanos;
        other.byeNanos = nowNanos;
    }

    /**
     * Whether the peer said BYE (RFC 3550 §6.6) in every type it reported in, each after its last
     * report there: it left the session, as against falling silent or leaving one type (decision 0091).
     */
    public boolean leftByBye() {
        boolean reported = audio.reported() || video.reported() || other.reported();
        return reported && audio.leftByBye() && video.leftByBye() && other.leftByBye();
    }

    /**
     * Whether any type is active at {@code nowNanos}, the RTP arriving on {@code element}'s source pads
     * counting as the peer's activity. Called from one thread (the flow monitor's).
     */
    public boolean active(MediaElement element, long nowNanos) {
        return active(lastRtp(element, MediaType.AUDIO), lastRtp(element, MediaType.VIDEO), nowNanos);
    }

    /** The same, with the times the peer's last audio and video RTP arrived (0: none yet). */
    boolean active(long audioRtp, long videoRtp, long nowNanos) {
        boolean a = audio.active(audioRtp, nowNanos);
        boolean v = video.active(videoRtp, nowNanos);
        boolean o = other.active(Math.max(audioRtp, videoRtp), nowNanos);
        return a || v || o;
    }

    private static long lastRtp(MediaElement element, MediaType type) {
        var pad = element.sourcePad(type);
        return pad == null ? 0 : pad.counters().lastPacketNanos();
    }

    private Slot slot(MediaType type) {
        return type == MediaType.AUDIO ? audio : type == MediaType.VIDEO ? video : other;
    }

    /** One media type: the last two sources that reported (a browser reports from its sender and its receiver SSRC). */
    private static final class Slot {
        private final Source first = new Source();
        private final Source second = new Source();
        private volatile long byeNanos;

        void report(int ssrc, long nowNanos) {
            Source s = first.is(ssrc) ? first : second.is(ssrc) ? second
                    : !first.reported ? first : !second.reported ? second
                    : first.lastReportNanos - second.lastReportNanos <= 0 ? first : second; // the staler goes
            s.report(ssrc, nowNanos);
        }

        boolean hadSource(int ssrc) {
            return first.is(ssrc) || second.is(ssrc);
        }

        boolean reported() {
            return first.reported || second.reported;
        }

        /** No source reported here, or a BYE came after the last report of each. */
        boolean leftByBye() {
            long bye = byeNanos;
            return !reported() || (bye != 0 && first.reportedBefore(bye) && second.reportedBefore(bye));
        }

        boolean active(long lastRtpNanos, long nowNanos) {
            long bye = byeNanos;
            // both evaluated: each notes its own timeout
            boolean a = first.active(bye, lastRtpNanos, nowNanos);
            boolean b = second.active(bye, lastRtpNanos, nowNanos);
            return a || b;
        }
    }

    /** One source of the peer's reports, timed out as rtpbin times a source out. */
    private static final class Source {
        private volatile int ssrc;
        private volatile boolean reported;
        private volatile long lastReportNanos;
        private volatile long previousReportNanos;
        /** The report a timeout ended, so RTP alone does not revive it; the monitor's thread only. */
        private long expiredReportNanos;

        boolean is(int s) {
            return reported && ssrc == s;
        }

        boolean reportedBefore(long nanos) {
            return !reported || lastReportNanos - nanos <= 0;
        }

        void report(int from, long nowNanos) {
            long previous = is(from) ? lastReportNanos : 0; // a new source has no interval yet
            ssrc = from;
            previousReportNanos = previous;
            lastReportNanos = nowNanos; // never 0 in between: the monitor reads these unlocked
            reported = true;
        }

        boolean active(long byeNanos, long lastRtpNanos, long nowNanos) {
            long last = lastReportNanos;
            if (!reported || last == expiredReportNanos || (byeNanos != 0 && last - byeNanos <= 0)) {
                return false;
            }
            // its interval between its last two reports, at most 5 s, and 5 s until two came
            long previous = previousReportNanos;
            long interval = previous == 0 ? FIVE_SECONDS : Math.min(FIVE_SECONDS, last - previous);
            long timeout = Math.max(FIVE_SECONDS, 5 * interval);
            long activity = lastRtpNanos != 0 && lastRtpNanos - last > 0 ? lastRtpNanos : last;
            if (nowNanos - activity > timeout) {
                expiredReportNanos = last;
                return false;
            }
            return true;
        }
    }
}
