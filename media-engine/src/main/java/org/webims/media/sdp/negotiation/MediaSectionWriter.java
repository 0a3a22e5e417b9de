package org.webims.media.sdp.negotiation;

import java.util.List;
import java.util.Map;

import org.webims.media.sdp.Fmtp;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.RtcpFeedback;
import org.webims.media.sdp.RtpMap;

/** Writes the rtpmap, fmtp and rtcp-fb lines of a payload type, the same way in offers and answers. */
final class MediaSectionWriter {

    private MediaSectionWriter() {
    }

    static void payloadType(MediaDescription.Builder b, RtpMap rtpMap, Map<String, String> fmtp,
            List<String> feedback) {
        b.format(Integer.toString(rtpMap.payloadType()));
        b.attribute(rtpMap);
        for (String f : feedback) {
            int sp = f.indexOf(' ');
            b.attribute(new RtcpFeedback(Integer.toString(rtpMap.payloadType()), sp < 0 ? f : f.substring(0, sp),
                    sp < 0 ? null : f.substring(sp + 1)));
        }
        if (!fmtp.isEmpty()) {
            b.attribute(Fmtp.of(rtpMap.payloadType(), fmtp));
        }
    }
}
