package org.webims.interworking.call;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.interworking.media.CallMedia;
import org.webims.interworking.media.SdpRejectedException;

/**
 * Offers inside an established call, re-INVITE or UPDATE (RFC 3311) from either leg: hold and
 * resume (RFC 3264 §8.4), media added or dropped. The offer goes on to the other leg by the same
 * method, through the media (which turns a WebRTC offer into an MTSI one and back, directions
 * kept), and the other leg's answer comes back as the answer. One offer at a time per call: a
 * second one meanwhile gets 491 (RFC 3261 §14.2, RFC 3311 §5.2). Without media (an IMS-to-IMS
 * relay) the SDP passes unchanged.
 */
final class MidCallOffers {
    private static final Logger LOG = LoggerFactory.getLogger(MidCallOffers.class);

    private final CallMedia media;
    private SipServletRequest pendingIncoming;
    private SipServletRequest pendingOutgoing;
    private boolean pendingFromWeb;

    /** @param media the call's media, or null for a signalling-only relay */
    MidCallOffers(CallMedia media) {
        this.media = media;
    }

    /**
     * A re-INVITE or UPDATE on one leg of an answered call.
     *
     * @param fromWeb  whether it came on the web leg
     * @param otherLeg the session of the other leg
     */
    void offer(SipServletRequest request, boolean fromWeb, SipSession otherLeg) throws IOException {
        if (pendingIncoming != null) {
            request.createResponse(SipServletResponse.SC_REQUEST_PENDING).send();
            return;
        }
        if (!WebToImsCall.hasSdp(request)) {
            if ("UPDATE".equals(request.getMethod())) {
                // RFC 4028 §7-8: an UPDATE without a body refreshes the session, the media stay as they are
                request.createResponse(SipServletResponse.SC_OK).send();
                return;
            }
            if (media != null) {
                // RFC 3261 §14.1 lets a re-INVITE ask for an offer; the media control offers only in answer to one
                SipServletResponse r = request.createResponse(SipServletResponse.SC_NOT_ACCEPTABLE_HERE);
                r.setHeader("Warning", "399 webims \"a re-INVITE without an SDP offer is not served\"");
                r.send();
                return;
            }
        }
        String onward;
        if (media == null) {
            onward = WebToImsCall.body(request);
        } else {
            try {
                onward = fromWeb ? media.webOffer(WebToImsCall.body(request)) : media.imsOffer(WebToImsCall.body(request));
            } catch (SdpRejectedException e) {
                WebToImsCall.notAcceptable(request, e);
                return;
            }
        }
        SipServletRequest out = otherLeg.createRequest(request.getMethod());
        if (!onward.isEmpty()) {
            out.setContent(onward.getBytes(StandardCharsets.UTF_8), "application/sdp");
        }
        pendingIncoming = request;
        pendingOutgoing = out;
        pendingFromWeb = fromWeb;
        out.send();
        LOG.atDebug().addKeyValue("method", request.getMethod()).addKeyValue("fromWeb", fromWeb).log("mid-call offer passed on");
    }

    /** Takes the response to the offer this passed on; false when the response is not that one's. */
    boolean response(SipServletResponse response) throws IOException {
        SipServletRequest out = pendingOutgoing;
        if (out == null || !response.getSession().equals(out.getSession()) || !response.getMethod().equals(out.getMethod())) {
            return false;
        }
        int status = response.getStatus();
        if (status < 200) {
            return true;
        }
        SipServletRequest in = pendingIncoming;
        pendingIncoming = null;
        pendingOutgoing = null;
        if (status >= 300) {
            in.createResponse(status, response.getReasonPhrase()).send(); // 488, 491 and the rest mean the same on both legs
            return true;
        }
        if ("INVITE".equals(response.getMethod())) {
            response.createAck().send();
        }
        SipServletResponse ok = in.createResponse(SipServletResponse.SC_OK);
        String answer = WebToImsCall.body(response);
        if (media != null && !answer.isEmpty()) {
            try {
                answer = pendingFromWeb ? media.imsAnswer(answer) : media.webAnswer(answer);
            } catch (SdpRejectedException e) {
                WebToImsCall.notAcceptable(in, e);
                return true;
            }
        }
        if (!answer.isEmpty()) {
            ok.setContent(answer.getBytes(StandardCharsets.UTF_8), "application/sdp");
        }
        ok.send();
        return true;
    }
}
