package org.webims.testims.core.scscf;

import java.time.Instant;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import javax.sip.ServerTransaction;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.webims.testims.core.hss.HssProfile;
import org.webims.testims.core.hss.InitialFilterCriterion;
import org.webims.testims.core.hss.ServiceProfile;
import org.webims.testims.core.hss.Subscriber;
import org.webims.testims.core.isc.ThirdPartyRegistrar;
import org.webims.testims.core.proxy.IncomingRequest;
import org.webims.testims.core.proxy.ProxyCore;
import org.webims.testims.sip.HeaderValues;

/**
 * The S-CSCF as registrar (TS 24.229 §5.4.1): challenges, authenticates, binds the contacts with
 * their Path, answers with Service-Route and P-Associated-URI, then registers the user at the
 * ASs its iFCs name.
 */
final class ScscfRegistration {
    /** TS 24.229 §5.4.1.2.2: the S-CSCF grants at most this; the UE asks 600000 by default. */
    static final int MAX_EXPIRES = 600_000;

    private final ProxyCore proxy;
    private final HssProfile hss;
    private final Registrar registrar;
    private final RegistrationAuthenticator authenticator;
    private final ThirdPartyRegistrar thirdParty;

    ScscfRegistration(ProxyCore proxy, HssProfile hss, Registrar registrar, RegistrationAuthenticator authenticator,
                      ThirdPartyRegistrar thirdParty) {
        this.proxy = proxy;
        this.hss = hss;
        this.registrar = registrar;
        this.authenticator = authenticator;
        this.thirdParty = thirdParty;
    }

    void handle(IncomingRequest in) throws Exception {
        Request request = in.request();
        ServerTransaction st = in.transaction();
        String impu = ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI().toString();
        Optional<Subscriber> subscriber = hss.byPublicIdentity(impu);
        if (subscriber.isEmpty()) {
            proxy.respond(st, Response.FORBIDDEN, "Forbidden (unknown public identity)"); // TS 24.229 §5.3.1.2
            return;
        }
        ServiceProfile profile = subscriber.get().profileOf(impu).orElseThrow();
        AuthorizationHeader auth = (AuthorizationHeader) request.getHeader(AuthorizationHeader.NAME);
        if (auth == null) {
            challenge(st, false);
            return;
        }
        switch (authenticator.verify(auth, Request.REGISTER, subscriber.get())) {
            case STALE_NONCE -> {
                challenge(st, true);
                return;
            }
            case WRONG_CREDENTIALS -> {
                // TS 24.229 §5.4.1.2.3 (a failed AKA response): 403, no new challenge
                proxy.respond(st, Response.FORBIDDEN, "Forbidden (authentication failed)");
                return;
            }
            case ACCEPTED -> { }
        }
        int granted = bind(request, profile);
        Response ok = proxy.factories().messages().createResponse(Response.OK, request);
        var headers = proxy.factories().headers();
        var addresses = proxy.factories().addresses();
        for (Binding b : registrar.bindingsOf(profile)) {
            ContactHeader c = headers.createContactHeader(addresses.createAddress(addresses.createURI(b.contact())));
            c.setExpires((int) Math.max(0, b.expiry().getEpochSecond() - Instant.now().getEpochSecond()));
            ok.addHeader(c);
        }
        for (String path : HeaderValues.all(request, "Path")) {
            ok.addHeader(headers.createHeader("Path", path)); // RFC 3327 §5.3
        }
        // TS 24.229 §5.4.1.2.2: originating requests come back to us on this route
        ok.addHeader(headers.createHeader("Service-Route", "<" + proxy.uri("orig") + ">"));
        for (String identity : profile.publicIdentities()) {
            ok.addHeader(headers.createHeader("P-Associated-URI", "<" + identity + ">"));
        }
        proxy.sendUpstream(st, ok);
        for (InitialFilterCriterion ifc : profile.thirdPartyRegistrations()) {
            thirdParty.register(ifc, impu, granted);
        }
    }

    private void challenge(ServerTransaction st, boolean stale) throws Exception {
        Response r = proxy.factories().messages().createResponse(Response.UNAUTHORIZED, st.getRequest());
        r.addHeader(proxy.factories().headers().createHeader("WWW-Authenticate", authenticator.challenge(stale)));
        proxy.sendUpstream(st, r);
    }

    /** Applies the REGISTER's contacts (RFC 3261 §10.3 step 7); returns the expiry granted, 0 when removed. */
    private int bind(Request request, ServiceProfile profile) {
        ExpiresHeader expiresHeader = (ExpiresHeader) request.getHeader(ExpiresHeader.NAME);
        int defaultExpires = expiresHeader == null ? MAX_EXPIRES : expiresHeader.getExpires();
        List<String> path = HeaderValues.all(request, "Path");
        int granted = 0;
        ListIterator<?> it = request.getHeaders(ContactHeader.NAME);
        while (it.hasNext()) {
            ContactHeader c = (ContactHeader) it.next();
            if (c.isWildCard()) {
                registrar.unbind(profile, "*");
                continue;
            }
            int expires = Math.min(MAX_EXPIRES, c.getExpires() >= 0 ? c.getExpires() : defaultExpires);
            String contact = c.getAddress().getURI().toString();
            if (expires == 0) {
                registrar.unbind(profile, contact);
            } else {
                registrar.bind(profile, new Binding(contact, path, Instant.now().plusSeconds(expires)));
                granted = Math.max(granted, expires);
            }
        }
        return granted;
    }
}
