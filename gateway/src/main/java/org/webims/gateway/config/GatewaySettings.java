package org.webims.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.webims.ims.profile.WebAuthentication;
import org.webims.media.kurento.KurentoServerSettings;
import org.webims.media.node.MediaNodeSettings;
import org.webims.sip.sessiontimer.SessionTimerSettings;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;
import org.webims.sip.stack.TlsSettings;
import org.webims.sip.stack.inbound.InboundLimits;
import org.webims.sip.stack.inbound.WebSocketOrigins;
import org.webims.sip.stack.timer.TimerT1;
import org.webims.webrtc.iceservers.IceServers;

/** The gateway's settings, checked and typed. Read from {@link ConfigValues}; see conf/gateway.conf. */
public record GatewaySettings(SipStackSettings sip, ConfigValues.HostPort http, int shutdownGraceSeconds,
                              List<Path> applications, Path applicationRouter, int workerThreads, int maxPending,
                              SessionTimerSettings sessionTimers, MediaNodeSettings media,
                              KurentoServerSettings kurento, InterworkingConfig interworking, DemoImsConfig demoIms,
                              IceServers iceServers, Duration webConsentTimeout) {

    /** RFC 7675 §5.1: consent expires 30 s after the last valid check; a longer wait would send past it. */
    public static final int RFC_CONSENT_SECONDS = 30;

    /** RFC 4028 §4: a day is far past any sensible session interval; a bigger number is a typo. */
    private static final int MAX_SESSION_INTERVAL = 86_400;

    public GatewaySettings {
        Objects.requireNonNull(sip, "sip");
        Objects.requireNonNull(sessionTimers, "sessionTimers");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(interworking, "interworking");
        Objects.requireNonNull(demoIms, "demoIms");
        Objects.requireNonNull(iceServers, "iceServers");
        Objects.requireNonNull(webConsentTimeout, "webConsentTimeout");
        applications = List.copyOf(applications);
    }

    public static GatewaySettings from(ConfigValues values) throws ConfigException {
        List<ListenAddress> listen = new ArrayList<>();
        addIfOn(listen, values.sipListen("sip.udp.listen", SipTransport.UDP));
        addIfOn(listen, values.sipListen("sip.tcp.listen", SipTransport.TCP));
        addIfOn(listen, values.sipListen("sip.ws.listen", SipTransport.WS));
        addIfOn(listen, values.sipListen("sip.tls.listen", SipTransport.TLS));
        addIfOn(listen, values.sipListen("sip.wss.listen", SipTransport.WSS));
        if (listen.isEmpty()) {
            throw values.get("sip.udp.listen").error("every SIP listener is off; turn at least one on");
        }
        int maxMessageBytes = values.intIn("sip.max-message-bytes", 1024, 1 << 20);
        int maxHeaders = values.intIn("sip.max-headers", 16, 4096);
        int maxLineBytes = values.intIn("sip.max-line-bytes", 256, maxMessageBytes);
        int incompleteSeconds = values.intIn("sip.incomplete-message-seconds", 1, 600);
        InboundLimits inbound = new InboundLimits(maxMessageBytes, maxHeaders, maxLineBytes, incompleteSeconds * 1000L);
        TimerT1 t1 = TimerT1.ofMillis(values.intIn("sip.t1-millis", (int) TimerT1.MIN_MILLIS, (int) TimerT1.MAX_MILLIS));
        ConfigValues.HostPort http = values.hostPortOrOff("http.listen");
        int grace = values.intIn("shutdown.grace-seconds", 0, 300);
        List<Path> applications = new ArrayList<>();
        for (String item : values.text("sip.applications").split(",")) {
            if (!item.isBlank()) {
                applications.add(values.existingPath("sip.applications", item.strip()));
            }
        }
        String router = values.text("sip.application-router");
        Path routerFile = router.isBlank() ? null : values.existingPath("sip.application-router", router);
        IceServers iceServers = IceServersConfig.from(values);
        // Last: it may generate a key (tls.keystore = self-signed) once everything else is known good.
        boolean kurentoTls = values.bool("kurento.tls");
        TlsSettings keys = TlsSettingsReader.read(values, listen, kurentoTls);
        TlsSettings tls = listen.stream().anyMatch(a -> a.transport().isSecure()) ? keys : null;
        int workers = values.intIn("sip.worker-threads", 0, 1024);
        if (workers == 0) {
            workers = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
        }
        int maxPending = values.intIn("sip.max-pending", 1, 10_000_000);
        DemoImsConfig demoIms = DemoImsConfig.from(values);
        InterworkingConfig interworking = InterworkingConfig.from(values, demoIms);
        WebSocketOrigins origins = webSocketOrigins(values, interworking);
        checkTurnExposure(values, iceServers, http, interworking);
        return new GatewaySettings(new SipStackSettings("webims", listen, inbound, tls, origins, t1), http, grace,
                applications, routerFile, workers, maxPending, sessionTimers(values), MediaSettings.from(values),
                kurento(values, kurentoTls ? keys : null), interworking, demoIms, iceServers,
                Duration.ofSeconds(values.intIn("media.web.consent-timeout-seconds", 1, RFC_CONSENT_SECONDS)));
    }

    /**
     * Security by default (decision 0072): where web users log in with digest, GET /webrtc/ice-servers
     * answers anyone who reaches {@code http.listen}, so TURN credentials (a relay anyone may use)
     * are handed out on a listener beyond loopback only when the operator says so, having put it
     * behind the carrier's own web login. With bearer tokens the endpoint asks for one itself.
     */
    private static void checkTurnExposure(ConfigValues values, IceServers iceServers, ConfigValues.HostPort http,
                                          InterworkingConfig interworking) throws ConfigException {
        if (iceServers.turn().isEmpty() || http == null || values.bool("webrtc.turn-open-access")) {
            return;
        }
        boolean bearer = interworking.settings() != null
                && interworking.settings().webAuthentication() instanceof WebAuthentication.Bearer;
        if (bearer || isLoopback(http.host())) {
            return;
        }
        throw values.get("webrtc.turn-urls").error("GET /webrtc/ice-servers would hand TURN credentials to anyone"
                + " who reaches http.listen " + http + " (web users log in with digest, which the page cannot present);"
                + " put http.listen on loopback behind the carrier's web login, use bearer web access,"
                + " or set webrtc.turn-open-access = true");
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * RFC 6455 §10.2: {@code sip.ws.allowed-origins} when set, else the origins the deployed
     * carrier profile allows (its web-access), else any.
     */
    private static WebSocketOrigins webSocketOrigins(ConfigValues values, InterworkingConfig interworking)
            throws ConfigException {
        String key = "sip.ws.allowed-origins";
        if (values.text(key).isBlank()) {
            return new WebSocketOrigins(interworking.profileOrigins());
        }
        try {
            return new WebSocketOrigins(List.of(values.text(key).split(",")));
        } catch (IllegalArgumentException e) {
            throw values.get(key).error(e.getMessage());
        }
    }

    /** RFC 4028 §4: Min-SE is 90 s or more; the interval asked for is at least Min-SE. */
    private static SessionTimerSettings sessionTimers(ConfigValues values) throws ConfigException {
        boolean enabled = values.bool("sip.session-timer.enabled");
        int minSe = values.intIn("sip.session-timer.min-se", SessionTimerSettings.RFC_MIN_SE, MAX_SESSION_INTERVAL);
        int expires = values.intIn("sip.session-timer.expires", minSe, MAX_SESSION_INTERVAL);
        return new SessionTimerSettings(enabled, expires, minSe);
    }

    /**
     * The Kurento server's address and token, or null when {@code kurento.listen = off}; WSS with
     * the gateway's key store ({@code tls.keystore}) when {@code keys} is given.
     */
    private static KurentoServerSettings kurento(ConfigValues values, TlsSettings keys) throws ConfigException {
        ConfigValues.HostPort listen = values.hostPortOrOff("kurento.listen");
        if (listen == null) {
            return null;
        }
        KurentoServerSettings settings = KurentoServerSettings.defaults().withHost(listen.host()).withPort(listen.port());
        if (keys != null) {
            settings = settings.withTls(keys.keyStore(), keys.keyStorePassword());
        }
        String token = values.text("kurento.token");
        return token.isBlank() ? settings : settings.withToken(token);
    }

    private static void addIfOn(List<ListenAddress> list, ListenAddress address) {
        if (address != null) {
            list.add(address);
        }
    }
}
