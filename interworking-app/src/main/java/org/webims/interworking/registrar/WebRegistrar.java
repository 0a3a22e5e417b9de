package org.webims.interworking.registrar;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.servlet.ServletException;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.interworking.settings.InterworkingSettings;
import org.webims.interworking.settings.WebUser;

/**
 * The registrar for web users (RFC 3261 §10.3): REGISTER authenticated as the carrier profile says
 * (digest or bearer token, {@link WebAuthenticator}) over WS/WSS (or
 * any transport), bindings with expiry, {@code +sip.instance} and {@code reg-id} kept (RFC 5626
 * §6), and 200 listing every binding with its remaining time.
 */
public final class WebRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(WebRegistrar.class);
    private static final long DEFAULT_EXPIRES = 3600; // RFC 3261 §10.2.1.1

    private final InterworkingSettings settings;
    private final WebAuthenticator authenticator;
    private final Registrations registrations;
    private final SipFactory sipFactory;

    public WebRegistrar(InterworkingSettings settings, WebAuthenticator authenticator, Registrations registrations,
                        SipFactory sipFactory) {
        this.settings = settings;
        this.sipFactory = sipFactory;
        this.authenticator = authenticator;
        this.registrations = registrations;
    }

    public void register(SipServletRequest request) throws IOException, ServletException {
        URI to = request.getTo().getURI();
        if (!(to instanceof SipURI aor) || aor.getUser() == null || !settings.domain().equalsIgnoreCase(aor.getHost())) {
            request.createResponse(SipServletResponse.SC_NOT_FOUND, "Not a user of " + settings.domain()).send();
            return;
        }
        WebUser user = authenticator.authenticatedOrAnswered(request);
        if (user == null) {
            return; // challenged or refused
        }
        if (!user.name().equals(aor.getUser())) {
            // RFC 3261 §10.3 step 6: the authenticated user may change only its own bindings
            request.createResponse(SipServletResponse.SC_FORBIDDEN, "Not allowed to register " + aor.getUser()).send();
            return;
        }
        applyBindings(request, user);
    }

    private void applyBindings(SipServletRequest request, WebUser user) throws IOException, ServletException {
        long now = System.nanoTime();
        int requestExpires = request.getExpires();
        List<Binding> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        boolean removeAll = false;
        boolean outbound = false;
        ListIterator<Address> contacts = request.getAddressHeaders("Contact");
        while (contacts.hasNext()) {
            Address contact = contacts.next();
            if (contact.isWildcard()) {
                // RFC 3261 §10.3 step 6: "*" only alone and with Expires: 0
                if (requestExpires != 0 || contacts.hasNext() || !added.isEmpty() || !removed.isEmpty()) {
                    request.createResponse(SipServletResponse.SC_BAD_REQUEST, "Contact * needs Expires: 0 and no other Contact").send();
                    return;
                }
                removeAll = true;
                continue;
            }
            long expires = contact.getExpires() >= 0 ? contact.getExpires() : requestExpires >= 0 ? requestExpires : DEFAULT_EXPIRES;
            Binding binding = binding(contact, Math.min(expires, settings.maxRegistration().toSeconds()), now);
            if (expires == 0) {
                removed.add(binding.key());
                continue;
            }
            if (expires < settings.minRegistration().toSeconds()) {
                SipServletResponse tooBrief = request.createResponse(423, "Interval Too Brief");
                tooBrief.setHeader("Min-Expires", Long.toString(settings.minRegistration().toSeconds()));
                tooBrief.send();
                return;
            }
            outbound |= binding.instance() != null && binding.regId() > 0;
            added.add(binding);
        }
        List<Binding> bindings = registrations.update(user.name(), added, removed, removeAll);
        SipServletResponse ok = request.createResponse(SipServletResponse.SC_OK);
        for (Binding b : bindings) {
            try {
                Address a = sipFactory.createAddress(b.contact());
                a.setExpires((int) b.secondsLeft(now));
                ok.addAddressHeader("Contact", a, false);
            } catch (ServletParseException e) {
                LOG.atDebug().setCause(e).log("stored contact no longer parses");
            }
        }
        if (outbound && supportsOutbound(request)) {
            ok.addHeader("Require", "outbound"); // RFC 5626 §6: the registrar applied outbound
        }
        ok.send();
        LOG.atDebug().addKeyValue("user", user.name()).addKeyValue("bindings", bindings.size()).log("registered");
    }

    private static boolean supportsOutbound(SipServletRequest request) {
        ListIterator<String> values = request.getHeaders("Supported");
        while (values.hasNext()) {
            for (String tag : values.next().split(",")) {
                if (tag.strip().equalsIgnoreCase("outbound")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Binding binding(Address contact, long expires, long now) {
        Address clean = (Address) contact.clone();
        clean.removeParameter("expires");
        String instance = clean.getParameter("+sip.instance");
        int regId = 0;
        String reg = clean.getParameter("reg-id");
        if (reg != null) {
            try {
                regId = Integer.parseInt(reg.strip());
            } catch (NumberFormatException e) {
                regId = 0;
            }
        }
        return new Binding(clean.toString(), clean.getURI().toString(), instance, regId,
                now + expires * 1_000_000_000L);
    }

    public Registrations registrations() {
        return registrations;
    }
}
