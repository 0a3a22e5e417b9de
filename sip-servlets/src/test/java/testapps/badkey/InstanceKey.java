package testapps.badkey;

import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.annotation.SipApplicationKey;

/** Wrong: a @SipApplicationKey method must be static. */
public class InstanceKey {
    @SipApplicationKey
    public String key(SipServletRequest request) {
        return request.getCallId();
    }
}
