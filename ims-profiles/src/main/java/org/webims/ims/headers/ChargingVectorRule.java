package org.webims.ims.headers;

import java.text.ParseException;
import java.util.Optional;
import javax.sip.message.Request;

import gov.nist.javax.sip.header.ims.PChargingVectorHeader;

/**
 * P-Charging-Vector (RFC 7315 §4.6) on requests the AS sends toward IMS.
 * <ul>
 * <li>A session the AS originates (TS 24.229 §5.7.3, web to IMS): a fresh icid-value and our
 * orig-ioi.</li>
 * <li>A request the AS relays as a routing B2BUA (TS 24.229 §5.7.5): the incoming charging vector,
 * icid included, goes on unchanged, so both legs are charged as one session.</li>
 * </ul>
 */
public final class ChargingVectorRule {

    private final SipFactories sip;
    private final IcidGenerator icids;

    public ChargingVectorRule(SipFactories sip, IcidGenerator icids) {
        this.sip = sip;
        this.icids = icids;
    }

    /** Sets a new charging vector on a request we originate; returns its icid-value. */
    public String originate(Request outgoing, String origIoi) throws ParseException {
        String icid = icids.next();
        PChargingVectorHeader pcv = sip.headers().createChargingVectorHeader(icid);
        pcv.setOriginatingIOI(origIoi);
        outgoing.setHeader(pcv);
        return icid;
    }

    /** Copies the incoming request's charging vector onto the request we relay; returns its icid, if any. */
    public Optional<String> relay(Request incoming, Request outgoing) {
        PChargingVectorHeader pcv = (PChargingVectorHeader) incoming.getHeader(PChargingVectorHeader.NAME);
        outgoing.removeHeader(PChargingVectorHeader.NAME);
        if (pcv == null) {
            return Optional.empty();
        }
        outgoing.setHeader((PChargingVectorHeader) ((gov.nist.javax.sip.header.SIPHeader) pcv).clone());
        return Optional.ofNullable(pcv.getICID());
    }
}
