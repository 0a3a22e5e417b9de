package org.webims.interworking.registrar;

import java.io.IOException;
import java.text.ParseException;
import java.util.Optional;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.interworking.ims.ProfiledImsHeaders;

/**
 * The S-CSCF's third-party REGISTER (TS 24.229 §5.4.1.7, §5.7.1.1): accepted only from the
 * S-CSCF's own addresses (anyone else could otherwise plant charging data: 403), its charging
 * data kept for the registered IMPU ({@link ProfiledImsHeaders#thirdPartyRegister}), and 200 OK
 * with the Contact it registered.
 */
public final class ThirdPartyRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(ThirdPartyRegistrar.class);

    private final ProfiledImsHeaders imsHeaders;
    private final ScscfAddresses scscf;

    private ThirdPartyRegistrar(ProfiledImsHeaders imsHeaders, ScscfAddresses scscf) {
        this.imsHeaders = imsHeaders;
        this.scscf = scscf;
    }

    /** Trusts the S-CSCF at {@code scscfUri} (resolved now, once). */
    public static ThirdPartyRegistrar of(ProfiledImsHeaders imsHeaders, Optional<String> scscfUri, SipFactory factory) {
        ScscfAddresses addresses = ScscfAddresses.of(scscfUri, factory);
        LOG.atDebug().addKeyValue("scscf", addresses).log("third-party REGISTER accepted from");
        return new ThirdPartyRegistrar(imsHeaders, addresses);
    }

    public void register(SipServletRequest request) throws IOException {
        if (!scscf.sentBy(request.getRemoteAddr())) {
            LOG.atDebug().addKeyValue("from", request.getRemoteAddr()).log("third-party REGISTER not from the S-CSCF");
            request.createResponse(SipServletResponse.SC_FORBIDDEN, "Third-party REGISTER only from the S-CSCF").send();
            return;
        }
        try {
            imsHeaders.thirdPartyRegister(request);
        } catch (ParseException | IllegalArgumentException e) {
            request.createResponse(SipServletResponse.SC_BAD_REQUEST, "Unreadable third-party REGISTER").send();
            return;
        }
        SipServletResponse ok = request.createResponse(SipServletResponse.SC_OK);
        Address contact;
        try {
            contact = request.getAddressHeader("Contact");
        } catch (ServletParseException e) {
            contact = null;
        }
        if (contact != null && !contact.isWildcard()) {
            Address bound = (Address) contact.clone();
            if (bound.getExpires() < 0 && request.getExpires() >= 0) {
                bound.setExpires(request.getExpires());
            }
            ok.setAddressHeader("Contact", bound);
        }
        ok.send();
    }
}
