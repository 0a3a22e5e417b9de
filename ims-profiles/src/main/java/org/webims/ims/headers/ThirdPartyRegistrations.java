package org.webims.ims.headers;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.message.Request;

/**
 * The charging data of the users the S-CSCF has registered with us by third-party REGISTER
 * (TS 24.229 §5.7.1.1), by IMPU: a REGISTER with expiry 0 (de-registration) forgets the user.
 * Thread-safe.
 */
public final class ThirdPartyRegistrations {

    private final Map<String, RegistrationCharging> byImpu = new ConcurrentHashMap<>();

    /** Takes in a third-party REGISTER; returns what is now kept for its IMPU (empty after a de-registration). */
    public Optional<RegistrationCharging> accept(Request register) {
        RegistrationCharging data = RegistrationCharging.of(register);
        if (expires(register) == 0) {
            byImpu.remove(data.impu());
            return Optional.empty();
        }
        byImpu.put(data.impu(), data);
        return Optional.of(data);
    }

    public Optional<RegistrationCharging> forImpu(String impu) {
        return Optional.ofNullable(byImpu.get(impu));
    }

    /** RFC 3261 §10.2.2: the Contact's expires parameter, else the Expires header; -1 when neither says. */
    private static int expires(Request register) {
        ContactHeader contact = (ContactHeader) register.getHeader(ContactHeader.NAME);
        if (contact != null && contact.getExpires() >= 0) {
            return contact.getExpires();
        }
        ExpiresHeader e = register.getExpires();
        return e == null ? -1 : e.getExpires();
    }
}
