package org.webims.testims.core.scscf;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.testims.core.charging.ChargingVectors;
import org.webims.testims.core.hss.DefaultHandling;
import org.webims.testims.core.hss.HssProfile;
import org.webims.testims.core.hss.InitialFilterCriterion;
import org.webims.testims.core.hss.ServiceProfile;
import org.webims.testims.core.hss.SessionCase;
import org.webims.testims.core.isc.OriginalDialogIdentifiers;
import org.webims.testims.core.isc.ServiceContext;
import org.webims.testims.core.isc.ThirdPartyRegistrar;
import org.webims.testims.core.proxy.ForwardListener;
import org.webims.testims.core.proxy.Forwarding;
import org.webims.testims.core.proxy.IncomingRequest;
import org.webims.testims.core.proxy.ProxyCore;
import org.webims.testims.sip.HeaderValues;

/**
 * The S-CSCF (TS 24.229 §5.4): registrar, and router of initial requests through the served
 * user's iFCs in priority order (§5.4.3.2 originating, §5.4.3.3 terminating). A matching iFC
 * sends the request to its AS with {@code Route: <AS;lr>, <S-CSCF;lr;odi=...>}; when it comes
 * back with that identifier, evaluation resumes with the next iFC. After the originating iFCs the
 * request turns terminating (the callee's S-CSCF is this one), and after the terminating iFCs it
 * goes to the callee's registered contact along its Path. Every hop is record-routed.
 */
public final class Scscf implements ProxyCore.Router {
    private static final Logger LOG = LoggerFactory.getLogger(Scscf.class);
    static final String ORIGINATING_USER = "orig";

    private final ProxyCore proxy;
    private final HssProfile hss;
    private final Registrar registrar = new Registrar();
    private final OriginalDialogIdentifiers odis = new OriginalDialogIdentifiers();
    private final ChargingVectors charging;
    private final ScscfRegistration registration;
    private final ScheduledExecutorService timers;
    private final Duration asResponseTimeout;

    /**
     * @param asResponseTimeout how long an AS may stay silent (not even 100) before the iFC's
     *                          default handling applies (TS 24.229 §5.4.3.2 step 3)
     */
    public Scscf(ProxyCore proxy, HssProfile hss, Duration nonceLifetime, Duration asResponseTimeout,
                 ScheduledExecutorService timers) {
        this.proxy = proxy;
        this.hss = hss;
        this.timers = timers;
        this.asResponseTimeout = asResponseTimeout;
        this.charging = new ChargingVectors(proxy.factories().headers(), proxy.host());
        this.registration = new ScscfRegistration(proxy, hss, registrar,
                new RegistrationAuthenticator(hss.domain(), nonceLifetime), new ThirdPartyRegistrar(proxy, charging));
    }

    public Registrar registrar() {
        return registrar;
    }

    public OriginalDialogIdentifiers originalDialogIdentifiers() {
        return odis;
    }

    @Override
    public void routeInitial(IncomingRequest in) {
        ServerTransaction st = in.transaction();
        Request request = in.request();
        try {
            if (Request.REGISTER.equals(request.getMethod())) {
                registration.handle(in);
                return;
            }
            String odi = in.ownRouteParameter(OriginalDialogIdentifiers.PARAMETER);
            if (odi != null) {
                ServiceContext context = odis.take(odi);
                if (context == null) {
                    proxy.respond(st, Response.BAD_REQUEST, "Bad Request (unknown original dialog identifier)");
                    return;
                }
                serve(st, request, context.sessionCase(), context.servedUser(), context.nextFilterIndex());
            } else if (ORIGINATING_USER.equals(in.ownRouteUser())) {
                // TS 24.229 §5.4.3.2: arrived on the Service-Route, the served user is the asserted one
                String asserted = HeaderValues.first(request, "P-Asserted-Identity");
                if (asserted == null || hss.byPublicIdentity(asserted).isEmpty()) {
                    proxy.respond(st, Response.FORBIDDEN, "Forbidden (no served user)");
                    return;
                }
                charging.ensureOn(request);
                serve(st, request, SessionCase.ORIGINATING, stripAngles(asserted), 0);
            } else {
                charging.ensureOn(request);
                terminating(st, request);
            }
        } catch (Exception e) {
            LOG.atDebug().setCause(e).log("S-CSCF cannot route");
            proxy.respond(st, Response.SERVER_INTERNAL_ERROR, "Server Internal Error");
        }
    }

    /** Evaluates the served user's iFCs from {@code fromIndex}; past the last one, moves on. */
    private void serve(ServerTransaction st, Request request, SessionCase sessionCase, String servedUser,
                       int fromIndex) throws Exception {
        Optional<ServiceProfile> profile = profileOf(servedUser);
        if (profile.isEmpty()) {
            proxy.respond(st, Response.NOT_FOUND, "Not Found");
            return;
        }
        List<InitialFilterCriterion> ifcs = profile.get().filterCriteria();
        for (int i = fromIndex; i < ifcs.size(); i++) {
            if (ifcs.get(i).matches(request.getMethod(), sessionCase)) {
                toApplicationServer(st, request, new ServiceContext(sessionCase, servedUser, i + 1), ifcs.get(i));
                return;
            }
        }
        if (sessionCase == SessionCase.ORIGINATING) {
            terminating(st, request);
        } else {
            deliver(st, request, profile.get());
        }
    }

    /** TS 24.229 §5.4.3.3: the Request-URI names the served user of the terminating side. */
    private void terminating(ServerTransaction st, Request request) throws Exception {
        String target = request.getRequestURI().toString();
        Optional<ServiceProfile> profile = profileOf(target);
        if (profile.isEmpty()) {
            proxy.respond(st, Response.NOT_FOUND, "Not Found");
            return;
        }
        SessionCase sessionCase = registrar.isRegistered(profile.get())
                ? SessionCase.TERMINATING_REGISTERED : SessionCase.TERMINATING_UNREGISTERED;
        serve(st, request, sessionCase, target, 0);
    }

    /** To the newest registered contact, along its Path (RFC 3327 §5.5). */
    private void deliver(ServerTransaction st, Request request, ServiceProfile profile) throws Exception {
        List<Binding> bindings = registrar.bindingsOf(profile);
        if (bindings.isEmpty()) {
            proxy.respond(st, Response.TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable");
            return;
        }
        Binding binding = bindings.get(bindings.size() - 1);
        var addresses = proxy.factories().addresses();
        request.setRequestURI(addresses.createURI(binding.contact()));
        request.removeHeader(RouteHeader.NAME);
        for (String path : binding.path()) {
            request.addLast(proxy.factories().headers().createRouteHeader(
                    addresses.createAddress(addresses.createURI(stripAngles(path)))));
        }
        proxy.forward(st, request, true, null);
    }

    /** TS 24.229 §5.4.3.2 step 4: to the AS, with our own Route entry carrying a fresh ODI after it. */
    private void toApplicationServer(ServerTransaction st, Request request, ServiceContext next,
                                     InitialFilterCriterion ifc) throws Exception {
        String odi = odis.issue(next);
        Request out = (Request) request.clone();
        var headers = proxy.factories().headers();
        var addresses = proxy.factories().addresses();
        out.removeHeader(RouteHeader.NAME);
        SipURI as = (SipURI) addresses.createURI(ifc.asUri());
        as.setLrParam();
        out.addLast(headers.createRouteHeader(addresses.createAddress(as)));
        SipURI self = proxy.uri(null);
        self.setParameter(OriginalDialogIdentifiers.PARAMETER, odi);
        out.addLast(headers.createRouteHeader(addresses.createAddress(self)));
        AsLeg leg = new AsLeg(st, request, next, ifc, odi);
        Forwarding f = proxy.forward(st, out, true, leg);
        if (f == null) {
            odis.discard(odi);
            return;
        }
        leg.timer = timers.schedule(() -> leg.silence(f), asResponseTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Optional<ServiceProfile> profileOf(String impu) {
        return hss.byPublicIdentity(impu).flatMap(s -> s.profileOf(impu));
    }

    static String stripAngles(String value) {
        String v = value.strip();
        int lt = v.indexOf('<');
        int gt = v.indexOf('>');
        return lt >= 0 && gt > lt ? v.substring(lt + 1, gt) : v;
    }

    /** One request sent to an AS: applies the iFC's default handling when the AS is silent or fails. */
    private final class AsLeg implements ForwardListener {
        private final ServerTransaction upstream;
        private final Request original;
        private final ServiceContext next;
        private final InitialFilterCriterion ifc;
        private final String odi;
        private final AtomicBoolean settled = new AtomicBoolean();
        volatile ScheduledFuture<?> timer;

        AsLeg(ServerTransaction upstream, Request original, ServiceContext next, InitialFilterCriterion ifc,
              String odi) {
            this.upstream = upstream;
            this.original = original;
            this.next = next;
            this.ifc = ifc;
            this.odi = odi;
        }

        @Override
        public boolean onResponse(Forwarding forwarding, Response response) {
            stopTimer();
            int status = response.getStatusCode();
            if (status >= 200) {
                odis.discard(odi);
            }
            boolean failed = status == Response.REQUEST_TIMEOUT || status >= 500;
            if (failed && !forwarding.provisional() && settled.compareAndSet(false, true)) {
                return applyDefaultHandling(forwarding, false);
            }
            return false;
        }

        @Override
        public boolean onTimeout(Forwarding forwarding) {
            stopTimer();
            return settled.compareAndSet(false, true) && applyDefaultHandling(forwarding, true);
        }

        /** The AS has not answered at all within the time allowed. */
        void silence(Forwarding forwarding) {
            if (!forwarding.answered() && settled.compareAndSet(false, true)) {
                forwarding.abandon();
                applyDefaultHandling(forwarding, true);
            }
        }

        /** Returns true when the AS's response is dealt with here, false to relay it upstream. */
        private boolean applyDefaultHandling(Forwarding forwarding, boolean timedOut) {
            odis.discard(odi);
            LOG.atDebug().addKeyValue("as", ifc.asUri()).addKeyValue("defaultHandling", ifc.defaultHandling())
                    .addKeyValue("timedOut", timedOut).log("AS failed, default handling");
            if (forwarding.cancelled()) {
                proxy.respond(upstream, Response.REQUEST_TERMINATED, "Request Terminated");
                return true;
            }
            if (ifc.defaultHandling() == DefaultHandling.SESSION_CONTINUED) {
                try {
                    serve(upstream, (Request) original.clone(), next.sessionCase(), next.servedUser(),
                            next.nextFilterIndex());
                } catch (Exception e) {
                    LOG.atDebug().setCause(e).log("S-CSCF cannot continue after AS failure");
                    proxy.respond(upstream, Response.SERVER_INTERNAL_ERROR, "Server Internal Error");
                }
                return true;
            }
            if (timedOut) {
                proxy.respond(upstream, Response.REQUEST_TIMEOUT, "Request Timeout");
                return true;
            }
            return false; // SESSION_TERMINATED: the AS's own failure goes back
        }

        private void stopTimer() {
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
        }
    }
}
