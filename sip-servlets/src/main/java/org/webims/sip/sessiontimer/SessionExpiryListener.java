package org.webims.sip.sessiontimer;

import java.util.EventListener;
import javax.servlet.sip.SipSession;

/**
 * Told when the container ended a dialog because its session timer expired (RFC 4028 §10): no
 * refresh came in time, or the container's own refresh failed. The container has already sent
 * the BYE (with {@code Reason: SIP ;cause=408}); a B2BUA uses this to end the other leg.
 * Declared like any application listener ({@code <listener>} in sip.xml or {@code @SipListener});
 * called on the application session's thread, one call per expired dialog.
 */
public interface SessionExpiryListener extends EventListener {
    void sessionTimerExpired(SipSession session);
}
