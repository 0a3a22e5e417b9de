package org.webims.testims.gateway;

import java.util.List;
import java.util.Map;
import org.webims.gateway.Gateway;
import org.webims.gateway.config.GatewayConfigLoader;
import org.webims.gateway.config.GatewaySettings;
import org.webims.testims.net.FreePorts;

/**
 * The gateway in this JVM with its embedded default configuration, as {@code bin/gateway} runs
 * it, only every port moved to a free one: the demo IMS network, the demo users, the demo page.
 */
public final class DefaultConfigGateway implements AutoCloseable {
    /** interworking.domain's default. */
    public static final String DOMAIN = "webims.test";

    private final Gateway gateway;
    private final int httpPort;
    private final int wsPort;

    public DefaultConfigGateway() throws Exception {
        int sip = FreePorts.tcpAndUdp();
        wsPort = FreePorts.tcpAndUdp();
        httpPort = FreePorts.tcpAndUdp();
        int media = FreePorts.mediaRange(200);
        gateway = Gateway.start(GatewaySettings.from(new GatewayConfigLoader(Map.of()).load(List.of(
                "--sip.udp.listen=127.0.0.1:" + sip, "--sip.tcp.listen=127.0.0.1:" + sip,
                "--sip.ws.listen=127.0.0.1:" + wsPort, "--http.listen=127.0.0.1:" + httpPort,
                "--kurento.listen=off", "--media.ports=" + media + "-" + (media + 199),
                "--demo.ims.scscf.listen=127.0.0.1:" + FreePorts.tcpAndUdp(),
                "--demo.ims.pcscf.listen=127.0.0.1:" + FreePorts.tcpAndUdp()))));
    }

    public int httpPort() {
        return httpPort;
    }

    public int wsPort() {
        return wsPort;
    }

    /** The demo page's address. */
    public String pageUrl() {
        return "http://127.0.0.1:" + httpPort + "/";
    }

    @Override
    public void close() {
        gateway.close();
    }
}
