package org.webims.interworking.ims;

import java.text.ParseException;
import java.util.Optional;
import javax.servlet.sip.SipServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.ims.headers.AccessNetworkInfoRule;
import org.webims.ims.headers.AssertedIdentity;
import org.webims.ims.headers.ChargingVectorRule;
import org.webims.ims.headers.HeaderEditor;
import org.webims.ims.headers.IcidGenerator;
import org.webims.ims.headers.PrivacyRequest;
import org.webims.ims.headers.PrivacyRule;
import org.webims.ims.headers.RegistrationCharging;
import org.webims.ims.headers.ServedUserRule;
import org.webims.ims.headers.SessionCase;
import org.webims.ims.headers.SipFactories;
import org.webims.ims.headers.ThirdPartyRegistrations;
import org.webims.ims.profile.CarrierProfile;
import org.webims.ims.profile.IdentityMapping;
import org.webims.ims.profile.PrivacyValue;
import org.webims.interworking.settings.WebUser;

/**
 * The headers of requests the AS sends toward the IMS, as the carrier profile says, with
 * ims-profiles' rules: the web identity mapped to an IMPU and asserted (RFC 3325, TS 24.229
 * §5.7.3), a new P-Charging-Vector (RFC 7315 §4.6) and the charging function addresses a
 * third-party REGISTER gave (TS 24.229 §5.7.1.1), P-Access-Network-Info and P-Served-User as
 * profiled, Privacy honoured (RFC 3323), and the profile's header edits. Thread-safe.
 */
public final class ProfiledImsHeaders {
    private static final Logger LOG = LoggerFactory.getLogger(ProfiledImsHeaders.class);
    /** RFC 3323 §4.1.1.3: the From of a caller who asked for privacy. */
    public static final String ANONYMOUS = "\"Anonymous\" <sip:anonymous@anonymous.invalid>";

    private final CarrierProfile profile;
    private final SipFactories sip = SipFactories.standard();
    private final IdentityMapping rulesOnly;
    private final AssertedIdentity assertedIdentity;
    private final ChargingVectorRule chargingVector;
    private final AccessNetworkInfoRule accessNetworkInfo;
    private final ServedUserRule servedUser;
    private final PrivacyRule privacy;
    private final HeaderEditor editor;
    private final ThirdPartyRegistrations thirdParty = new ThirdPartyRegistrations();

    public ProfiledImsHeaders(CarrierProfile profile) {
        this.profile = profile;
        this.rulesOnly = new IdentityMapping(profile.identityMapping().rules(), Optional.empty());
        this.assertedIdentity = new AssertedIdentity(sip);
        this.chargingVector = new ChargingVectorRule(sip, new IcidGenerator());
        this.accessNetworkInfo = new AccessNetworkInfoRule(sip, profile.headers());
        this.servedUser = new ServedUserRule(sip, profile.headers());
        this.privacy = new PrivacyRule(sip, profile.privacy());
        this.editor = new HeaderEditor(sip);
    }

    public CarrierProfile profile() {
        return profile;
    }

    /**
     * The IMPU a web user's requests carry: the profile's identity-mapping rules for the user's
     * address of record first (the carrier's word), else the IMPU the users file gives, else the
     * profile's default.
     */
    public String impuOf(WebUser user, String domain) {
        return rulesOnly.map("sip:" + user.name() + "@" + domain)
                .orElseGet(() -> user.impu() != null ? user.impu()
                        : profile.identityMapping().defaultImpu().orElseThrow());
    }

    /**
     * Whether a request asks for a privacy the profile honours that hides who calls (RFC 3323
     * §4.2 id or header): the request the AS makes of it then has an anonymous From (§4.1.1.3),
     * toward the IMS for a web caller, toward the browser (outside the trust domain) for an IMS
     * caller. From is a system header (JSR 289 §5.4.1), so this is decided before that request is made.
     */
    public boolean hidesCaller(SipServletRequest request) throws ParseException {
        PrivacyRequest asked = PrivacyRequest.of(ScratchRequest.of(request).jain());
        return asked.asks(PrivacyValue.ID) && profile.privacy().honours(PrivacyValue.ID)
                || asked.asks(PrivacyValue.HEADER) && profile.privacy().honours(PrivacyValue.HEADER);
    }

    /**
     * Sets the headers of a request the AS originates toward the IMS for a web user's request;
     * returns the new icid-value.
     */
    public String originate(SipServletRequest webRequest, SipServletRequest imsRequest, String impu)
            throws ParseException {
        ScratchRequest web = ScratchRequest.of(webRequest);
        ScratchRequest out = ScratchRequest.of(imsRequest);
        // the rules read the caller from From, which the servlet request may already show anonymous
        ((javax.sip.header.FromHeader) out.jain().getHeader(javax.sip.header.FromHeader.NAME))
                .setAddress(sip.addresses().createAddress(sip.addresses().createURI(impu)));
        assertedIdentity.assertIdentity(out.jain(), impu);
        String icid = chargingVector.originate(out.jain(), profile.network().origIoi());
        Optional<RegistrationCharging> charging = thirdParty.forImpu(impu);
        if (charging.isPresent()) {
            charging.get().applyTo(out.jain(), sip);
        }
        accessNetworkInfo.apply(out.jain());
        servedUser.apply(out.jain(), impu, SessionCase.Kind.ORIGINATING, true);
        PrivacyRequest asked = PrivacyRequest.of(web.jain());
        if (!asked.values().isEmpty()) {
            // RFC 3325 §7: toward a trusted network the Privacy header goes on, for its edge to apply
            web.jain().getHeaders("Privacy").forEachRemaining(
                    h -> out.jain().addHeader((javax.sip.header.Header) ((gov.nist.javax.sip.header.SIPHeader) h).clone()));
        }
        privacy.apply(out.jain(), asked, profile.privacy().trustedNetwork());
        editor.apply(out.jain(), profile.headers().toIms());
        out.writeBack(imsRequest);
        LOG.atDebug().addKeyValue("impu", impu).addKeyValue("icid", icid).log("originating IMS headers set");
        return icid;
    }

    /**
     * A third-party REGISTER from the S-CSCF (TS 24.229 §5.7.1.1): its icid-value and charging
     * function addresses kept for the registered IMPU (forgotten on de-registration), used on the
     * requests the AS later originates for that user.
     */
    public Optional<RegistrationCharging> thirdPartyRegister(SipServletRequest register) throws ParseException {
        return thirdParty.accept(ScratchRequest.of(register).jain());
    }

    /** What a third-party REGISTER left for {@code impu}. */
    public Optional<RegistrationCharging> chargingOf(String impu) {
        return thirdParty.forImpu(impu);
    }
}
