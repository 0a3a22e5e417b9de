package org.webims.testims.core.isc;

import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.testims.core.charging.ChargingVectors;
import org.webims.testims.core.hss.InitialFilterCriterion;
import org.webims.testims.core.proxy.ForwardListener;
import org.webims.testims.core.proxy.Forwarding;
import org.webims.testims.core.proxy.ProxyCore;

/**
 * Third-party registration (TS 24.229 §5.4.1.7): after a successful REGISTER the S-CSCF tells
 * each AS of a REGISTER iFC, in a REGISTER of its own: Request-URI the AS, From and Contact the
 * S-CSCF, To the registered public identity, Expires as granted, a P-Charging-Vector.
 */
public final class ThirdPartyRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(ThirdPartyRegistrar.class);
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final ProxyCore scscf;
    private final ChargingVectors charging;

    public ThirdPartyRegistrar(ProxyCore scscf, ChargingVectors charging) {
        this.scscf = scscf;
        this.charging = charging;
    }

    /** Sends the third-party REGISTER of {@code ifc} for {@code impu}, registered for {@code expires} seconds. */
    public void register(InitialFilterCriterion ifc, String impu, int expires) {
        try {
            var f = scscf.factories();
            long n = SEQUENCE.incrementAndGet();
            SipURI self = f.addresses().createSipURI("scscf", scscf.host() + ":" + scscf.port());
            var from = f.headers().createFromHeader(f.addresses().createAddress(self), "3pr" + n);
            var to = f.headers().createToHeader(f.addresses().createAddress(f.addresses().createURI(impu)), null);
            CallIdHeader callId = f.headers().createCallIdHeader("3pr-" + n + "-" + ChargingVectors.newIcid()
                    + "@" + scscf.host());
            Request r = f.messages().createRequest(f.addresses().createURI(ifc.asUri()), Request.REGISTER, callId,
                    f.headers().createCSeqHeader(1L, Request.REGISTER), from, to, new ArrayList<>(),
                    f.headers().createMaxForwardsHeader(70));
            r.addHeader(f.headers().createContactHeader(f.addresses().createAddress(self)));
            r.addHeader(f.headers().createExpiresHeader(expires));
            charging.ensureOn(r);
            scscf.originate(r, new ForwardListener() {
                @Override
                public boolean onResponse(Forwarding forwarding, Response response) {
                    if (response.getStatusCode() >= 300) {
                        // TS 24.229 §5.4.1.7: SESSION_TERMINATED would deregister; this core only reports it
                        LOG.atDebug().addKeyValue("as", ifc.asUri()).addKeyValue("status", response.getStatusCode())
                                .addKeyValue("defaultHandling", ifc.defaultHandling())
                                .log("third-party REGISTER refused");
                    }
                    return true;
                }

                @Override
                public boolean onTimeout(Forwarding forwarding) {
                    LOG.atDebug().addKeyValue("as", ifc.asUri()).log("third-party REGISTER unanswered");
                    return true;
                }
            });
        } catch (Exception e) {
            LOG.atDebug().addKeyValue("as", ifc.asUri()).setCause(e).log("cannot send third-party REGISTER");
        }
    }
}
