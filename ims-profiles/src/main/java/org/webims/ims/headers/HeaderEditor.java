package org.webims.ims.headers;

import java.text.ParseException;
import javax.sip.message.Message;

import org.webims.ims.profile.HeaderEdits;

/**
 * Applies a carrier profile's header edits for one direction: strips first, then adds, so that
 * a header both stripped and added ends up with the profiled value only.
 */
public final class HeaderEditor {

    private final SipFactories sip;

    public HeaderEditor(SipFactories sip) {
        this.sip = sip;
    }

    public void apply(Message message, HeaderEdits edits) throws ParseException {
        for (String name : edits.strip()) {
            message.removeHeader(name);
        }
        for (HeaderEdits.Added a : edits.add()) {
            message.addHeader(sip.headers().createHeader(a.name(), a.value()));
        }
    }
}
