package org.webims.interworking.call;

import java.io.Serializable;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.TimerService;
import org.webims.interworking.media.MediaLossListener;

/**
 * Carries a media loss, heard on the media control's thread, onto the call's application session:
 * a ServletTimer due at once, whose timeout runs in the session's context like any other event
 * (JSR 289 §19.1), so the call's state is touched by one thread at a time.
 */
final class MediaLossRelay {

    /** The timer's info: why the media was lost, and how (decisions 0091, 0093). */
    record Lost(String reason, Cause cause) implements Serializable {
    }

    /** The media node or its connection died; the browser left on purpose; the browser's ICE consent expired. */
    enum Cause { MEDIA_LOST, BROWSER_LEFT, CONSENT_EXPIRED }

    private final TimerService timers;

    MediaLossRelay(TimerService timers) {
        this.timers = timers;
    }

    MediaLossListener listenerFor(SipApplicationSession session) {
        return new MediaLossListener() {
            @Override public void mediaLost(String reason) { relay(session, new Lost(reason, Cause.MEDIA_LOST)); }
            @Override public void browserLeft(String how) { relay(session, new Lost(how, Cause.BROWSER_LEFT)); }
            @Override public void consentExpired(String text) { relay(session, new Lost(text, Cause.CONSENT_EXPIRED)); }
        };
    }

    private void relay(SipApplicationSession session, Lost lost) {
        try {
            timers.createTimer(session, 0, false, lost);
        } catch (IllegalStateException e) {
            // the session has ended already: the call is over, nothing to tell
        }
    }
}
