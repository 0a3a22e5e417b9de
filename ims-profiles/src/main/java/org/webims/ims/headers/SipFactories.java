package org.webims.ims.headers;

import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;

import gov.nist.javax.sip.header.HeaderFactoryExt;

/** JAIN-SIP's address and header factories (the NIST ones, whose header factory makes the IMS headers). */
public record SipFactories(AddressFactory addresses, HeaderFactoryExt headers) {

    public static SipFactories standard() {
        try {
            SipFactory sip = SipFactory.getInstance();
            HeaderFactory h = sip.createHeaderFactory();
            return new SipFactories(sip.createAddressFactory(), (HeaderFactoryExt) h);
        } catch (PeerUnavailableException e) {
            throw new IllegalStateException("JAIN-SIP is not on the class path", e);
        }
    }
}
