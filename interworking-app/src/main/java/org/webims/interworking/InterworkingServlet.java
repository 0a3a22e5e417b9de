package org.webims.interworking;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Consumer;
import javax.servlet.ServletException;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipErrorEvent;
import javax.servlet.sip.SipErrorListener;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.TimerListener;
import javax.servlet.sip.TimerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.interworking.call.CallRouter;
import org.webims.interworking.ims.ProfiledImsHeaders;
import org.webims.interworking.media.MediaControl;
import org.webims.interworking.registrar.Registrations;
import org.webims.interworking.registrar.ThirdPartyRegistrar;
import org.webims.interworking.registrar.WebAuthenticator;
import org.webims.interworking.registrar.WebRegistrar;
import org.webims.interworking.settings.InterworkingSettings;

/**
 * The interworking application's one SIP servlet: REGISTER to the web registrar, calls to the
 * call router. Its media control and settings come from the host process as ServletContext
 * attributes ({@link MediaControl#ATTRIBUTE}, {@link InterworkingSettings#ATTRIBUTE}). It is also the
 * application's TimerListener (declared in sip.xml), through which a media loss reaches its call,
 * and its SipErrorListener, through which a 2xx the caller never acknowledged ends its call.
 */
public final class InterworkingServlet extends SipServlet implements TimerListener, SipErrorListener {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(InterworkingServlet.class);

    /** Where the servlet leaves the web users' bindings for the rest of the application. */
    public static final String REGISTRATIONS = "org.webims.interworking.registrar.Registrations";
    /** The container's WebSocket close listeners (sip-servlets' {@code WebSocketClosures.ATTRIBUTE}). */
    static final String WEBSOCKET_CLOSED = "org.webims.sip.websocket-closed";

    private static final java.util.List<String> HANDLED = java.util.List.of("INVITE", "ACK", "CANCEL", "BYE", "REGISTER", "OPTIONS", "UPDATE", "PRACK", "INFO");
    private static final java.util.Set<String> KNOWN = java.util.Set.of("INVITE", "ACK", "CANCEL", "BYE", "REGISTER",
            "OPTIONS", "PRACK", "UPDATE", "INFO", "MESSAGE", "SUBSCRIBE", "NOTIFY", "REFER", "PUBLISH");

    private transient WebRegistrar registrar;
    private transient CallRouter calls;
    private transient ProfiledImsHeaders imsHeaders;
    private transient ThirdPartyRegistrar thirdParty;
    private transient Collection<Consumer<InetSocketAddress>> closures;
    private transient Consumer<InetSocketAddress> onWebSocketClosed;

    @Override
    public void init() throws ServletException {
        InterworkingSettings settings = required(InterworkingSettings.ATTRIBUTE, InterworkingSettings.class);
        MediaControl media = required(MediaControl.ATTRIBUTE, MediaControl.class);
        SipFactory factory = required(SIP_FACTORY, SipFactory.class);
        Registrations registrations = new Registrations();
        WebAuthenticator authenticator;
        try {
            authenticator = WebAuthenticator.of(settings);
        } catch (IOException e) {
            throw new ServletException("web authentication: " + e.getMessage(), e);
        }
        registrar = new WebRegistrar(settings, authenticator, registrations, factory);
        imsHeaders = new ProfiledImsHeaders(settings.carrierProfile());
        thirdParty = ThirdPartyRegistrar.of(imsHeaders, settings.imsNextHop(), factory);
        TimerService timers = required(TIMER_SERVICE, TimerService.class);
        calls = new CallRouter(settings, authenticator, registrations, media, factory, imsHeaders, timers);
        getServletContext().setAttribute(REGISTRATIONS, registrations);
        listenForClosedWebSockets(registrations);
        LOG.atInfo().addKeyValue("domain", settings.domain())
                .addKeyValue("ims", settings.imsNextHop().orElse("none"))
                .addKeyValue("profile", settings.carrierProfile().name())
                .addKeyValue("web-auth", settings.webAuthentication() instanceof org.webims.ims.profile.WebAuthentication.Digest
                        ? "digest" : "bearer").log("interworking application ready");
    }

    /**
     * The container's WebSocket close listeners (decision 0091; a container without them leaves calls
     * to the session timer): a web user's connection gone ends its calls and drops its bindings.
     */
    @SuppressWarnings("unchecked")
    private void listenForClosedWebSockets(Registrations registrations) {
        if (getServletContext().getAttribute(WEBSOCKET_CLOSED) instanceof Collection<?> listeners) {
            CallRouter router = calls;
            onWebSocketClosed = client -> {
                int dropped = registrations.dropConnection(client);
                LOG.atDebug().addKeyValue("client", client).addKeyValue("bindingsDropped", dropped).log("web user's WebSocket closed");
                router.webSocketClosed(client);
            };
            closures = (Collection<Consumer<InetSocketAddress>>) listeners;
            closures.add(onWebSocketClosed);
        }
    }

    @Override
    public void destroy() {
        if (closures != null) {
            closures.remove(onWebSocketClosed);
        }
        super.destroy();
    }

    private <T> T required(String attribute, Class<T> type) throws ServletException {
        Object value = getServletContext().getAttribute(attribute);
        if (!type.isInstance(value)) {
            throw new ServletException("the interworking application needs the ServletContext attribute " + attribute
                    + " (a " + type.getName() + ") from its host process; found " + value);
        }
        return type.cast(value);
    }

    /**
     * The application takes every initial request the container routes to it, so it answers the
     * methods it does not serve as the container would: OPTIONS with its capabilities (RFC 3261
     * §11.2), known methods with 405 and unknown ones with 501, both with Allow (§21.4.6, §21.5.2).
     */
    @Override
    protected void doRequest(SipServletRequest request) throws ServletException, IOException {
        String method = request.getMethod();
        if (HANDLED.contains(method) || !request.isInitial()) {
            super.doRequest(request);
            return;
        }
        int status = KNOWN.contains(method) ? SipServletResponse.SC_METHOD_NOT_ALLOWED : SipServletResponse.SC_NOT_IMPLEMENTED;
        SipServletResponse response = request.createResponse(status);
        response.setHeader("Allow", String.join(", ", HANDLED));
        response.send();
    }

    @Override
    protected void doOptions(SipServletRequest request) throws IOException {
        SipServletResponse ok = request.createResponse(SipServletResponse.SC_OK);
        ok.setHeader("Allow", String.join(", ", HANDLED));
        ok.setHeader("Accept", "application/sdp");
        Object supported = getServletContext().getAttribute(SUPPORTED);
        if (supported instanceof java.util.List<?> tags && !tags.isEmpty()) {
            ok.setHeader("Supported", tags.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")));
        }
        ok.send();
    }

    @Override
    protected void doRegister(SipServletRequest request) throws ServletException, IOException {
        if (fromWeb(request)) {
            registrar.register(request);
        } else {
            thirdParty.register(request); // TS 24.229 §5.7.1.1
        }
    }

    @Override
    protected void doInvite(SipServletRequest request) throws ServletException, IOException {
        if (!request.isInitial()) {
            calls.midCallOffer(request); // hold, resume, media changes
            return;
        }
        if (fromWeb(request)) {
            calls.fromWeb(request);
        } else {
            calls.fromIms(request);
        }
    }

    /** RFC 3311: UPDATE only ever comes inside a dialog; outside one it names no call (481). */
    @Override
    protected void doUpdate(SipServletRequest request) throws ServletException, IOException {
        if (request.isInitial()) {
            request.createResponse(SipServletResponse.SC_CALL_LEG_DONE).send();
            return;
        }
        calls.midCallOffer(request);
    }

    @Override
    protected void doPrack(SipServletRequest request) throws ServletException, IOException {
        calls.prack(request);
    }

    /** INFO inside a call carries DTMF (RFC 6086 legacy INFO); outside one it names no call (481). */
    @Override
    protected void doInfo(SipServletRequest request) throws ServletException, IOException {
        if (request.isInitial()) {
            request.createResponse(SipServletResponse.SC_CALL_LEG_DONE).send();
            return;
        }
        calls.info(request);
    }

    @Override
    protected void doAck(SipServletRequest request) {
        // the web leg's ACK: the IMS leg was acknowledged when it answered
    }

    @Override
    protected void doBye(SipServletRequest request) throws ServletException, IOException {
        calls.bye(request);
    }

    @Override
    protected void doCancel(SipServletRequest request) throws ServletException, IOException {
        calls.cancel(request);
    }

    /** Timers carry events from outside the container onto a call's session (a media loss). */
    @Override
    public void timeout(ServletTimer timer) {
        try {
            calls.timeout(timer);
        } catch (IOException e) {
            LOG.atDebug().addKeyValue("error", e.getMessage()).log("ending a call after a timer failed");
        }
    }

    /** JSR 289 §6: our 2xx to a caller got no ACK; the whole call ends ({@link CallRouter#noAckReceived}). */
    @Override
    public void noAckReceived(SipErrorEvent event) {
        try {
            calls.noAckReceived(event);
        } catch (IOException e) {
            LOG.atDebug().addKeyValue("error", e.getMessage()).log("ending a call after a missing ACK failed");
        }
    }

    /** JSR 289 §6: a reliable provisional response of ours got no PRACK; the whole call ends ({@link CallRouter#noPrackReceived}). */
    @Override
    public void noPrackReceived(SipErrorEvent event) {
        try {
            calls.noPrackReceived(event);
        } catch (IOException e) {
            LOG.atDebug().addKeyValue("error", e.getMessage()).log("ending a call after a missing PRACK failed");
        }
    }

    @Override
    protected void doResponse(SipServletResponse response) throws ServletException, IOException {
        calls.response(response);
    }

    /** Web users reach us over SIP WebSocket (RFC 7118); everything else is the IMS side. */
    private static boolean fromWeb(SipServletRequest request) {
        String transport = request.getTransport();
        return transport != null && transport.toUpperCase(Locale.ROOT).startsWith("WS");
    }
}
