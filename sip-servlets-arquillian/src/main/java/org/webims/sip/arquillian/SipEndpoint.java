package org.webims.sip.arquillian;

/**
 * Where the embedded container listens for SIP: UDP and TCP on one loopback port. Tests get it
 * with an {@code @ArquillianResource SipEndpoint} field.
 *
 * @param host the listening address (127.0.0.1)
 * @param port the UDP and TCP port, chosen at start when the configuration leaves it 0
 */
public record SipEndpoint(String host, int port) {

    /** {@code host:port}, as SIPp takes its remote host. */
    public String hostPort() {
        return host + ":" + port;
    }

    /** A SIP URI for {@code user} at the container, e.g. {@code sip:alice@127.0.0.1:5070}. */
    public String sipUri(String user) {
        return "sip:" + user + "@" + hostPort();
    }
}
