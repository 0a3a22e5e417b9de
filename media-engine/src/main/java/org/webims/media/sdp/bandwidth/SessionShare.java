package org.webims.media.sdp.bandwidth;

import org.webims.media.codec.opus.OpusEncoder;
import org.webims.media.sdp.Bandwidth;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.SessionDescription;

/**
 * A far end's session-level b=AS or b=TIAS (RFC 8866 §5.8, RFC 3890: the session's total, every
 * medium together) shared between the audio and video we send it: audio keeps what its codec needs
 * (the top of the AMR-WB mode-set, Opus's maxaveragebitrate or our encoder's rate), video gets the
 * rest. Each medium's media-level ceiling still holds: the lower wins.
 */
public final class SessionShare {

    /** What we send on each medium, bits/s of media, {@link SendCeiling#NONE} unbounded, 0 nothing. */
    public record Ceilings(long audio, long video) {
    }

    private SessionShare() {
    }

    /**
     * The ceilings under {@code remote}'s session-level line. {@code audio}/{@code video} are the
     * far end's m-lines we send on (null when we send none of that medium), {@code audioCeiling} and
     * {@code videoCeiling} what their own lines (and our bounds) already set.
     */
    public static Ceilings of(SessionDescription remote, MediaDescription audio, MediaDescription video,
            boolean ipv6, long audioCeiling, long videoCeiling) {
        var tias = remote.bandwidth(Bandwidth.TIAS);
        var as = remote.bandwidth(Bandwidth.AS);
        if (tias.isEmpty() && as.isEmpty()) {
            return new Ceilings(audioCeiling, videoCeiling);
        }
        boolean wire = tias.isEmpty(); // TIAS preferred (RFC 3890), as on an m-line
        long total = wire ? as.getAsLong() * 1000 : tias.getAsLong();
        int overheadBits = PacketOverhead.bytes(ipv6) * 8;
        long audioUse = 0; // media bits/s audio takes of the total
        double audioPackets = 0;
        if (audio != null) {
            int ptime = Math.max(1, audio.ptime().orElse(ReceiveBandwidth.DEFAULT_PTIME_MS));
            audioPackets = 1000.0 / ptime;
            long need = audioNeed(audio, ptime);
            audioUse = audioCeiling >= 0 ? Math.min(need, audioCeiling) : need;
            long headers = wire ? (long) Math.ceil(audioPackets * overheadBits) : 0;
            audioCeiling = lower(audioCeiling, Math.max(0, total - headers));
            audioUse += headers;
        }
        long videoShare = total - audioUse;
        if (video == null) {
            return new Ceilings(audioCeiling, videoCeiling);
        }
        if (videoShare <= 0) {
            return new Ceilings(audioCeiling, 0);
        }
        if (wire) {
            // RFC 3890 §6.4: a session a=maxprate bounds every medium's packets together
            var sessionRate = remote.maxprate();
            double packets = video.maxprate().isPresent() ? video.maxprate().getAsDouble()
                    : sessionRate.isPresent() ? Math.max(1, sessionRate.getAsDouble() - audioPackets)
                    : ReceiveBandwidth.videoPacketsPerSecond(videoShare);
            videoShare = ReceiveBandwidth.videoTias(videoShare, ipv6, packets);
        }
        long share = SendCeiling.videoMediaCeiling(videoShare);
        return new Ceilings(audioCeiling, videoShare <= 0 ? 0 : lower(videoCeiling, share));
    }

    /** Bits/s of payload the most demanding codec on {@code audio} needs at its ptime (Opus unstated: our encoder's rate). */
    private static long audioNeed(MediaDescription audio, int ptime) {
        return ReceiveBandwidth.mostPayloadBitsPerPacket(audio, ptime, OpusEncoder.DEFAULT_BITRATE) * 1000 / ptime;
    }

    private static long lower(long ceiling, long share) {
        return ceiling < 0 ? share : Math.min(ceiling, share);
    }
}
