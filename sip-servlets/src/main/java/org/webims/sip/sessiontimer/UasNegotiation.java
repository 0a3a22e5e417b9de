package org.webims.sip.sessiontimer;

import java.util.Optional;
import java.util.OptionalInt;
import javax.sip.message.Request;

/** RFC 4028 §9: the Session-Expires a UAS puts in its 2xx to an INVITE or UPDATE. */
final class UasNegotiation {
    private UasNegotiation() {
    }

    /**
     * The interval and refresher for the answer to {@code request}; {@code current} is the
     * dialog's running timer, if any, whose interval and roles carry over to a refresh that does
     * not ask for its own.
     */
    static SessionInterval answer(Request request, SessionTimer current, SessionTimerSettings settings) {
        boolean uacSupports = SessionTimerHeaders.supportsTimer(request);
        Optional<SessionInterval> asked = SessionTimerHeaders.sessionExpires(request);
        boolean running = current != null && current.active();
        int seconds;
        if (asked.isPresent()) {
            seconds = asked.get().seconds(); // §9: copied from the request, never increased
        } else {
            seconds = running ? current.intervalSeconds() : settings.sessionExpiresSeconds();
            OptionalInt min = SessionTimerHeaders.minSe(request);
            if (min.isPresent() && seconds < min.getAsInt()) {
                seconds = min.getAsInt(); // §9: never below the request's Min-SE
            }
        }
        Refresher refresher;
        if (!uacSupports) {
            refresher = Refresher.UAS; // §9: a UAC without timer support cannot refresh
        } else if (asked.isPresent() && asked.get().refresher() != null) {
            refresher = asked.get().refresher(); // §9: the UAC's choice stands
        } else if (running) {
            refresher = current.weRefresh() ? Refresher.UAS : Refresher.UAC; // same side as before
        } else {
            refresher = Refresher.UAC; // §9: ours to choose; the offerer refreshes
        }
        return new SessionInterval(seconds, refresher);
    }
}
