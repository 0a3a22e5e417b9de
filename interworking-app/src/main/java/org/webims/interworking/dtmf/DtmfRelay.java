package org.webims.interworking.dtmf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.TimerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.interworking.media.CallMedia;
import org.webims.interworking.media.ImsDtmfListener;

/**
 * DTMF of one call between the web user and the IMS party. From the web: INFO with a DTMF body
 * becomes RFC 4733 telephone-events toward the IMS (digits the browser sends as telephone-events
 * pass through the media by themselves). From the IMS: telephone-events reach the browser as
 * telephone-events where its leg negotiated them (it may play them), and always here as INFO
 * application/dtmf-relay, the only form a page's script sees (decision 0016).
 * Runs on the call's application session, like the call.
 */
public final class DtmfRelay {
    private static final Logger LOG = LoggerFactory.getLogger(DtmfRelay.class);

    private final CallMedia media;
    private final SipSession webSession;
    private final SipSession imsSession;

    /** @param webSession the web leg's dialog now (with forking, the answering binding's once answered) */
    public DtmfRelay(CallMedia media, SipSession webSession, SipSession imsSession) {
        this.media = media;
        this.webSession = webSession;
        this.imsSession = imsSession;
    }

    /**
     * Carries the IMS party's digits, heard on the media control's thread, onto the call's
     * application session: a ServletTimer due at once whose info is the {@link DtmfInfoBody.Digit}
     * (JSR 289 §19.1), as the media loss is carried.
     */
    public static ImsDtmfListener listenerFor(TimerService timers, SipApplicationSession session) {
        return (digit, durationMs) -> {
            try {
                timers.createTimer(session, 0, false, new DtmfInfoBody.Digit(digit, durationMs));
            } catch (IllegalStateException e) {
                // the session has ended: the call is over, the digit goes nowhere
            }
        };
    }

    /**
     * INFO inside the call (RFC 6086 §4.2, legacy INFO without an Info-Package): a DTMF body from
     * the web user goes to the IMS party as telephone-events, one from the IMS party to the web
     * user as INFO; 200 OK. No body is a keep-alive (200); another body type gets 415 with
     * Accept (RFC 3261 §21.4.13); an unreadable DTMF body 400 saying what is wrong.
     */
    public void info(SipServletRequest info) throws IOException {
        byte[] raw = info.getRawContent();
        if (raw == null || raw.length == 0) {
            info.createResponse(SipServletResponse.SC_OK).send();
            return;
        }
        if (!DtmfInfoBody.isDtmf(info.getContentType())) {
            SipServletResponse r = info.createResponse(SipServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
            r.setHeader("Accept", DtmfInfoBody.ACCEPTED);
            r.send();
            return;
        }
        DtmfInfoBody.Digit digit;
        try {
            digit = DtmfInfoBody.parse(info.getContentType(), new String(raw, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            info.createResponse(SipServletResponse.SC_BAD_REQUEST, "Bad DTMF body: " + e.getMessage()).send();
            return;
        }
        info.createResponse(SipServletResponse.SC_OK).send();
        if (info.getSession().equals(imsSession)) {
            toWeb(digit);
        } else {
            boolean sent = media.sendDtmfToIms(digit.digit(), digit.durationMs());
            LOG.atDebug().addKeyValue("digit", digit.digit()).addKeyValue("durationMs", digit.durationMs())
                    .addKeyValue("sent", sent).log("web DTMF toward the IMS");
        }
    }

    /** A digit from the IMS party, for the page's script: INFO application/dtmf-relay. */
    public void toWeb(DtmfInfoBody.Digit digit) throws IOException {
        if (!webSession.isValid() || webSession.getState() != SipSession.State.CONFIRMED) {
            LOG.atDebug().addKeyValue("digit", digit.digit()).log("IMS DTMF dropped: no confirmed web dialog");
            return;
        }
        SipServletRequest info = webSession.createRequest("INFO");
        info.setContent(DtmfInfoBody.relayBody(digit.digit(), digit.durationMs()).getBytes(StandardCharsets.UTF_8),
                DtmfInfoBody.DTMF_RELAY);
        info.send();
        LOG.atDebug().addKeyValue("digit", digit.digit()).addKeyValue("durationMs", digit.durationMs())
                .log("IMS DTMF toward the web user as INFO");
    }
}
