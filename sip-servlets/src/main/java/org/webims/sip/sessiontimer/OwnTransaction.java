package org.webims.sip.sessiontimer;

import javax.sip.message.Response;

/**
 * A client transaction the container started itself (a session refresh, an expiry BYE, the BYE for
 * a 2xx never acknowledged: {@code dispatch.UnacknowledgedAnswerHangUp}): its
 * responses and its timeout come here, never to a servlet (RFC 4028 §10).
 */
public interface OwnTransaction {
    /** Runs on the stack's thread: quick, and hands anything longer to the session's executor. */
    void onResponse(Response response);

    void onTimeout();
}
