package org.webims.interworking.registrar;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IP addresses the S-CSCF sends from: its configured URI's host, resolved once when the
 * application starts (every address of a name, for an S-CSCF pool), so that checking a request's
 * source never waits on DNS. Immutable.
 */
final class ScscfAddresses {
    private static final Logger LOG = LoggerFactory.getLogger(ScscfAddresses.class);

    private final String configured;
    private final List<InetAddress> addresses;

    private ScscfAddresses(String configured, List<InetAddress> addresses) {
        this.configured = configured;
        this.addresses = List.copyOf(addresses);
    }

    /** The addresses of the S-CSCF URI {@code scscf}; none when there is none or it does not resolve. */
    static ScscfAddresses of(Optional<String> scscf, SipFactory factory) {
        if (scscf.isEmpty()) {
            return new ScscfAddresses("none", List.of());
        }
        try {
            URI uri = factory.createURI(scscf.get());
            if (!(uri instanceof SipURI sip)) {
                return new ScscfAddresses(scscf.get(), List.of());
            }
            String host = sip.getHost();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new ScscfAddresses(scscf.get(), List.of(InetAddress.getAllByName(host)));
        } catch (ServletParseException | UnknownHostException e) {
            LOG.atWarn().addKeyValue("scscf", scscf.get()).addKeyValue("error", e.getMessage())
                    .log("the S-CSCF address does not resolve; third-party REGISTERs will be refused");
            return new ScscfAddresses(scscf.get(), List.of());
        }
    }

    /** Whether a request whose previous hop was {@code remoteAddr} (an IP literal) came from the S-CSCF. */
    boolean sentBy(String remoteAddr) {
        if (remoteAddr == null || addresses.isEmpty()) {
            return false;
        }
        String literal = remoteAddr.startsWith("[") && remoteAddr.endsWith("]")
                ? remoteAddr.substring(1, remoteAddr.length() - 1) : remoteAddr;
        boolean ipv4 = literal.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean ipv6 = literal.indexOf(':') >= 0 && literal.matches("[0-9A-Fa-f:.]+(%[0-9A-Za-z]+)?");
        if (!ipv4 && !ipv6) {
            return false; // never a name: that would be a DNS lookup on the request's thread
        }
        try {
            return addresses.contains(InetAddress.getByName(literal)); // an IP literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return configured + " " + addresses;
    }
}
