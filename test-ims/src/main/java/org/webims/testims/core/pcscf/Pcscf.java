package org.webims.testims.core.pcscf;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.testims.core.charging.ChargingVectors;
import org.webims.testims.core.hss.PublicIdentities;
import org.webims.testims.core.proxy.ForwardListener;
import org.webims.testims.core.proxy.Forwarding;
import org.webims.testims.core.proxy.IncomingRequest;
import org.webims.testims.core.proxy.ProxyCore;
import org.webims.testims.sip.HeaderValues;

/**
 * The P-CSCF (TS 24.229 §5.2): the UE's first hop. REGISTERs go to the S-CSCF with a Path naming
 * us; the 200 tells us the Service-Route and the identities the UE may assert. Initial requests
 * from a registered UE get a P-Asserted-Identity (RFC 3325, we are the edge of the trust domain)
 * and a P-Charging-Vector and follow the Service-Route; requests to the UE arrive on the Path.
 * No I-CSCF: REGISTER goes straight to the one S-CSCF, a stand-in for the Cx query.
 */
public final class Pcscf implements ProxyCore.Router {
    private static final Logger LOG = LoggerFactory.getLogger(Pcscf.class);
    static final String PATH_USER = "term";
    private static final String PAI = "P-Asserted-Identity";
    private static final String PPI = "P-Preferred-Identity";

    private final ProxyCore proxy;
    private final SipURI scscf;
    private final String visitedNetworkId;
    private final ChargingVectors charging;
    // keyed by the UE's sent-by host:port, the flow its requests arrive on
    private final Map<String, PcscfRegistration> registrations = new ConcurrentHashMap<>();

    public Pcscf(ProxyCore proxy, SipURI scscf, String visitedNetworkId) {
        this.proxy = proxy;
        this.scscf = scscf;
        this.visitedNetworkId = visitedNetworkId;
        this.charging = new ChargingVectors(proxy.factories().headers(), proxy.host());
    }

    @Override
    public void routeInitial(IncomingRequest in) {
        try {
            Request request = in.request();
            if (PATH_USER.equals(in.ownRouteUser())) {
                // TS 24.229 §5.2.6.4: toward the UE, on the Path we put in its registration
                proxy.forward(in.transaction(), request, true, null);
            } else if (Request.REGISTER.equals(request.getMethod())) {
                register(in);
            } else {
                originating(in);
            }
        } catch (Exception e) {
            LOG.atDebug().setCause(e).log("P-CSCF cannot route");
            proxy.respond(in.transaction(), Response.SERVER_INTERNAL_ERROR, "Server Internal Error");
        }
    }

    /** TS 24.229 §5.2.2.1: Path (RFC 3327), P-Visited-Network-ID, on to the S-CSCF. */
    private void register(IncomingRequest in) throws Exception {
        Request request = in.request();
        var headers = proxy.factories().headers();
        var addresses = proxy.factories().addresses();
        String flow = flowOf(request);
        request.removeHeader(PAI);
        request.addFirst(headers.createHeader("Path", "<" + proxy.uri(PATH_USER) + ">"));
        request.addHeader(headers.createHeader("P-Visited-Network-ID", "\"" + visitedNetworkId + "\""));
        request.addFirst(headers.createRouteHeader(addresses.createAddress(scscf)));
        proxy.forward(in.transaction(), request, false, new ForwardListener() {
            @Override
            public boolean onResponse(Forwarding forwarding, Response response) {
                if (response.getStatusCode() / 100 == 2) {
                    remember(flow, response);
                }
                return false;
            }
        });
    }

    private void remember(String flow, Response ok) {
        if (ok.getHeader(ContactHeader.NAME) == null) {
            registrations.remove(flow); // deregistered: no binding left
            return;
        }
        ContactHeader contact = (ContactHeader) ok.getHeader(ContactHeader.NAME);
        int seconds = contact.getExpires();
        if (seconds < 0) {
            ExpiresHeader e = (ExpiresHeader) ok.getHeader(ExpiresHeader.NAME);
            seconds = e == null ? 3600 : e.getExpires();
        }
        registrations.put(flow, new PcscfRegistration(HeaderValues.all(ok, "Service-Route"),
                HeaderValues.all(ok, "P-Associated-URI"), Instant.now().plusSeconds(seconds)));
    }

    /** TS 24.229 §5.2.6.3: only registered UEs, with the identity we assert for them. */
    private void originating(IncomingRequest in) throws Exception {
        Request request = in.request();
        PcscfRegistration reg = registrations.get(flowOf(request));
        if (reg == null || reg.expiry().isBefore(Instant.now())) {
            proxy.respond(in.transaction(), Response.FORBIDDEN, "Forbidden (not registered)");
            return;
        }
        var headers = proxy.factories().headers();
        var addresses = proxy.factories().addresses();
        String asserted = assertedIdentity(request, reg);
        request.removeHeader(PAI); // RFC 3325 §5: never trust one from outside the trust domain
        request.removeHeader(PPI);
        request.addHeader(headers.createHeader(PAI, "<" + asserted + ">"));
        charging.ensureOn(request);
        List<String> serviceRoutes = reg.serviceRoutes();
        for (int i = serviceRoutes.size() - 1; i >= 0; i--) {
            Address a = addresses.createAddress(addresses.createURI(stripAngles(serviceRoutes.get(i))));
            request.addFirst(headers.createRouteHeader(a));
        }
        proxy.forward(in.transaction(), request, true, null);
    }

    /** RFC 3325 §9.1: the preferred identity when it is one of the UE's, else From if it is, else the default. */
    private static String assertedIdentity(Request request, PcscfRegistration reg) {
        List<String> associated = reg.associatedUris().stream().map(Pcscf::stripAngles).toList();
        String preferred = HeaderValues.first(request, PPI);
        String from = ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI().toString();
        for (String candidate : new String[] {preferred, from}) {
            if (candidate == null) {
                continue;
            }
            String key = PublicIdentities.key(candidate);
            for (String a : associated) {
                if (PublicIdentities.key(a).equals(key)) {
                    return a;
                }
            }
        }
        return associated.get(0);
    }

    private static String flowOf(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        String host = via.getReceived() != null ? via.getReceived() : via.getHost();
        int port = via.getRPort() > 0 ? via.getRPort() : via.getPort() < 0 ? 5060 : via.getPort();
        return host + ":" + port;
    }

    static String stripAngles(String value) {
        String v = value.strip();
        int lt = v.indexOf('<');
        int gt = v.indexOf('>');
        return lt >= 0 && gt > lt ? v.substring(lt + 1, gt) : v;
    }
}
