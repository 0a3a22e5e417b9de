package org.webims.media.rtp;

import java.nio.charset.StandardCharsets;

/** View of an RTCP BYE packet (RFC 3550 §6.6). */
public final class RtcpBye extends RtcpView {

    private int reasonOff;
    private int reasonLen;

    @Override
    protected boolean accepts(int packetType, int count) {
        return packetType == RtcpPacketType.BYE;
    }

    @Override
    protected boolean validate() {
        int p = 4 + 4 * count();
        if (p > contentLength) {
            return fail(RtcpFault.BAD_COUNT);
        }
        reasonOff = -1;
        reasonLen = 0;
        if (p < contentLength) {
            int n = buf[off + p] & 0xFF;
            if (p + 1 + n > contentLength) {
                return fail(RtcpFault.BAD_ITEM);
            }
            if (n > 0) {
                reasonOff = off + p + 1;
                reasonLen = n;
            }
        }
        return true;
    }

    public int ssrcCount() {
        return count();
    }

    public int ssrc(int index) {
        return RtcpBytes.i32(buf, off + 4 + 4 * index);
    }

    /** The reason for leaving, or null (allocates; BYE is rare). */
    public String reason() {
        return reasonOff < 0 ? null : new String(buf, reasonOff, reasonLen, StandardCharsets.UTF_8);
    }
}
