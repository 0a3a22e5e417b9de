package org.webims.media.sdp.bandwidth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.webims.media.sdp.SdpParser;
import org.webims.media.sdp.SessionDescription;

/**
 * Frames a packet under a far end's a=maxprate (RFC 3890 §6.4), worked out here from 20 ms frames,
 * 50 a second: the fewest frames n with 50 / n at or under maxprate, within a=maxptime / 20 ms
 * (RFC 4566 §6), 80 ms without one (our choice).
 */
class AudioPacketizationTest {

    private static SessionDescription offer(String session, String... media) throws Exception {
        StringBuilder b = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n");
        b.append(session);
        b.append("m=audio 4000 RTP/AVP 97\r\na=rtpmap:97 AMR-WB/16000\r\n");
        for (String a : media) {
            b.append("a=").append(a).append("\r\n");
        }
        return new SdpParser().parse(b.toString());
    }

    private static int frames(String session, String... media) throws Exception {
        SessionDescription sd = offer(session, media);
        return AudioPacketization.framesPerPacket(sd, sd.media().get(0));
    }

    @Test
    void atOrAbove50PacketsASecondOrUnstatedOneFrame() throws Exception {
        assertEquals(1, frames(""));
        assertEquals(1, frames("", "maxprate:50"));
        assertEquals(1, frames("", "maxprate:75.5"));
    }

    @Test
    void underItTheFewestFramesThatFit() throws Exception {
        assertEquals(2, frames("", "maxprate:25"));   // 50 / 2 = 25
        assertEquals(2, frames("", "maxprate:49.9")); // 50 / 1 is over
        assertEquals(3, frames("", "maxprate:24.9")); // 50 / 2 = 25 is over, 50 / 3 = 16.7 fits
        assertEquals(3, frames("", "maxprate:16.7"));
    }

    @Test
    void maxptimeBoundsItAndWithoutOne80Ms() throws Exception {
        assertEquals(3, frames("", "maxprate:10", "maxptime:60"));  // wants 5
        assertEquals(1, frames("", "maxprate:10", "maxptime:30"));  // one 20 ms frame fits 30 ms
        assertEquals(4, frames("", "maxprate:5"));                  // wants 10, 80 ms without maxptime
        assertEquals(5, frames("", "maxprate:10", "maxptime:240"));
    }

    @Test
    void theSessionsMaxprateHoldsWhereTheLineHasNone() throws Exception {
        assertEquals(3, frames("a=maxprate:20\r\n"));
        assertEquals(2, frames("a=maxprate:20\r\n", "maxprate:25"), "the m-line's own wins");
    }
}
