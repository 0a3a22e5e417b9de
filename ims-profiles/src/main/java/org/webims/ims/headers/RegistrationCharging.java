package org.webims.ims.headers;

import java.util.Objects;
import java.util.Optional;
import javax.sip.address.URI;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;

import gov.nist.javax.sip.header.ims.PChargingFunctionAddressesHeader;
import gov.nist.javax.sip.header.ims.PChargingVectorHeader;

/**
 * What a third-party REGISTER from the S-CSCF tells the AS about charging, kept per registered
 * IMPU (TS 24.229 §5.7.1.1): the icid-value of the REGISTER and the P-Charging-Function-Addresses,
 * which the AS puts on the requests it later originates for that user.
 *
 * @param impu                      the registered public user identity (the REGISTER's To)
 * @param registrationIcid          the REGISTER's icid-value
 * @param chargingFunctionAddresses the P-Charging-Function-Addresses value, as received
 */
public record RegistrationCharging(String impu, Optional<String> registrationIcid,
        Optional<String> chargingFunctionAddresses) {

    public RegistrationCharging {
        Objects.requireNonNull(impu, "impu");
        Objects.requireNonNull(registrationIcid, "registrationIcid");
        Objects.requireNonNull(chargingFunctionAddresses, "chargingFunctionAddresses");
    }

    public static RegistrationCharging of(Request thirdPartyRegister) {
        if (!Request.REGISTER.equals(thirdPartyRegister.getMethod())) {
            throw new IllegalArgumentException("not a REGISTER: " + thirdPartyRegister.getMethod());
        }
        URI impu = ((ToHeader) thirdPartyRegister.getHeader(ToHeader.NAME)).getAddress().getURI();
        PChargingVectorHeader pcv = (PChargingVectorHeader) thirdPartyRegister.getHeader(PChargingVectorHeader.NAME);
        PChargingFunctionAddressesHeader pcfa = (PChargingFunctionAddressesHeader) thirdPartyRegister
                .getHeader(PChargingFunctionAddressesHeader.NAME);
        return new RegistrationCharging(impu.toString(), Optional.ofNullable(pcv).map(PChargingVectorHeader::getICID),
                Optional.ofNullable(pcfa).map(h -> ((gov.nist.javax.sip.header.SIPHeader) h).getHeaderValue()));
    }

    /** Puts the kept P-Charging-Function-Addresses on a request the AS originates for this user. */
    public void applyTo(Request outgoing, SipFactories sip) throws java.text.ParseException {
        outgoing.removeHeader(PChargingFunctionAddressesHeader.NAME);
        if (chargingFunctionAddresses.isPresent()) {
            outgoing.addHeader(sip.headers().createHeader(PChargingFunctionAddressesHeader.NAME,
                    chargingFunctionAddresses.get()));
        }
    }
}
