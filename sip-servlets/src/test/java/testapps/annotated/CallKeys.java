package testapps.annotated;

import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.annotation.SipApplicationKey;

/** Groups requests into application sessions by Call-ID. */
public final class CallKeys {
    private CallKeys() {
    }

    @SipApplicationKey
    public static String byCallId(SipServletRequest request) {
        return request.getCallId();
    }
}
