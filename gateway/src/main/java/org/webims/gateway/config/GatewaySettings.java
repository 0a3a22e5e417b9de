package org.webims.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;
import org.webims.sip.stack.inbound.InboundLimits;

/** The gateway's settings, checked and typed. Read from {@link ConfigValues}; see conf/gateway.conf. */
public record GatewaySettings(SipStackSettings sip, ConfigValues.HostPort http, int shutdownGraceSeconds) {

    public GatewaySettings {
        Objects.requireNonNull(sip, "sip");
    }

    public static GatewaySettings from(ConfigValues values) throws ConfigException {
        List<ListenAddress> listen = new ArrayList<>();
        addIfOn(listen, values.sipListen("sip.udp.listen", SipTransport.UDP));
        addIfOn(listen, values.sipListen("sip.tcp.listen", SipTransport.TCP));
        addIfOn(listen, values.sipListen("sip.ws.listen", SipTransport.WS));
        if (listen.isEmpty()) {
            throw values.get("sip.udp.listen").error("every SIP listener is off; turn at least one on");
        }
        int maxMessageBytes = values.intIn("sip.max-message-bytes", 1024, 1 << 20);
        int maxHeaders = values.intIn("sip.max-headers", 16, 4096);
        int maxLineBytes = values.intIn("sip.max-line-bytes", 256, maxMessageBytes);
        int incompleteSeconds = values.intIn("sip.incomplete-message-seconds", 1, 600);
        InboundLimits inbound = new InboundLimits(maxMessageBytes, maxHeaders, maxLineBytes, incompleteSeconds * 1000L);
        ConfigValues.HostPort http = values.hostPortOrOff("http.listen");
        int grace = values.intIn("shutdown.grace-seconds", 0, 300);
        return new GatewaySettings(new SipStackSettings("webims", listen, inbound), http, grace);
    }

    private static void addIfOn(List<ListenAddress> list, ListenAddress address) {
        if (address != null) {
            list.add(address);
        }
    }
}
