package org.webims.media.transcode;

import org.webims.media.codec.amrwb.AmrWbFrames;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.payload.amrwb.AmrWbFrameType;
import org.webims.media.rtp.payload.amrwb.AmrWbPayloadFormat;

/** Which audio codec a {@link MediaFormat} names and what its fmtp asks of it. */
final class AudioFormats {

    enum Codec { OPUS, AMR_WB, L16 }

    private AudioFormats() {
    }

    /** The codec this engine can transcode for {@code f}, or null. */
    static Codec codec(MediaFormat f) {
        if (f.type() != MediaType.AUDIO) {
            return null;
        }
        String e = f.encoding();
        if (e.equalsIgnoreCase("opus") && f.clockRate() == 48_000) {
            return Codec.OPUS;
        }
        if (e.equalsIgnoreCase("AMR-WB") && f.clockRate() == AmrWbFrames.SAMPLE_RATE) {
            return Codec.AMR_WB;
        }
        if (e.equalsIgnoreCase("L16") && f.channels() == 1 && f.clockRate() % 50 == 0) {
            return Codec.L16;
        }
        return null;
    }

    /** RFC 4867 §8.1: {@code octet-align=1} selects the octet-aligned format, absent or 0 the other. */
    static AmrWbPayloadFormat amrWbPayload(MediaFormat f) {
        return f.intParameter("octet-align", 0) == 1 ? AmrWbPayloadFormat.OCTET_ALIGNED
                : AmrWbPayloadFormat.BANDWIDTH_EFFICIENT;
    }

    /**
     * RFC 4867 §8.1 {@code mode-set}: the modes the receiver takes, as a bit set (bit n = mode n);
     * absent (or nothing usable in it) means all modes.
     */
    static int amrWbModeSet(MediaFormat f) {
        return AmrWbFrameType.modeSet(f.parameter("mode-set", null));
    }

    /**
     * Whether AMR-WB toward this receiver runs DTX (SID frames in silence, TS 26.193 §5). RFC 4867
     * §8.1 has no parameter for it and an MTSI client takes DTX by default (TS 26.114 §5.2.1), so
     * it is on unless the fmtp says {@code dtx=0} (the spelling EVS uses, TS 26.445 Annex A), which
     * a carrier profile can put on the IMS leg for a far end that cannot take SID frames.
     */
    static boolean amrWbDtx(MediaFormat f) {
        return f.intParameter("dtx", 1) != 0;
    }

    /** The highest mode of {@code modeSet} at or below {@code bitsPerSecond}, else its lowest mode. */
    static int amrWbModeFor(int modeSet, long bitsPerSecond) {
        int best = -1;
        int lowest = -1;
        for (int m = 0; m < AmrWbFrames.MODE_COUNT; m++) {
            if ((modeSet & (1 << m)) == 0) {
                continue;
            }
            if (lowest < 0) {
                lowest = m;
            }
            if (AmrWbFrames.modeBitrate(m) <= bitsPerSecond) {
                best = m;
            }
        }
        return best >= 0 ? best : lowest;
    }
}
