package org.webims.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * a=candidate (RFC 8839 §5.1): foundation, component, transport, priority, address, port, type,
 * the related address and port (null / -1 when absent) and the extensions (generation,
 * network-id, tcptype, ufrag, ...) in their order. The address may be an mDNS name.
 */
public record Candidate(String foundation, int component, String transport, long priority, String address,
        int port, String type, String relatedAddress, int relatedPort, List<Extension> extensions)
        implements SdpAttribute {

    public static final String NAME = "candidate";

    /** A candidate extension attribute: name and value. */
    public record Extension(String name, String value) {
        public Extension {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public Candidate {
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        extensions = List.copyOf(extensions);
    }

    /**
     * Parses the attribute value, the text after "a=candidate:"; a leading "candidate:" (as in a
     * trickled RTCIceCandidate) is accepted too.
     */
    public static Candidate parse(String value) throws SdpParseException {
        String text = value.startsWith("candidate:") ? value.substring("candidate:".length()) : value;
        List<String> f = SdpSyntax.fields(text);
        if (f.size() < 8 || !"typ".equals(f.get(6))) {
            throw SdpParseException.syntax(
                    "candidate must be <foundation> <component> <transport> <priority> <address> <port> typ <type> ...");
        }
        String foundation = f.get(0);
        if (foundation.length() > 32 || !SdpSyntax.isIceChars(foundation)) {
            throw SdpParseException.syntax("bad candidate foundation '" + foundation + "'");
        }
        int component = SdpSyntax.integer(f.get(1), 1, 256, "candidate component");
        String transport = SdpSyntax.token(f.get(2), "candidate transport");
        long priority = SdpSyntax.longInteger(f.get(3), 0, 0xFFFF_FFFFL, "candidate priority");
        String address = f.get(4);
        checkAddress(address);
        int port = SdpSyntax.integer(f.get(5), 0, 65535, "candidate port");
        String type = SdpSyntax.token(f.get(7), "candidate type");
        if ((f.size() - 8) % 2 != 0) {
            throw SdpParseException.syntax("candidate extensions must come in name value pairs");
        }
        String relAddr = null;
        int relPort = -1;
        List<Extension> ext = new ArrayList<>((f.size() - 8) / 2);
        for (int i = 8; i < f.size(); i += 2) {
            String name = f.get(i);
            String v = f.get(i + 1);
            if ("raddr".equals(name)) {
                checkAddress(v);
                relAddr = v;
            } else if ("rport".equals(name)) {
                relPort = SdpSyntax.integer(v, 0, 65535, "candidate rport");
            } else {
                ext.add(new Extension(SdpSyntax.token(name, "candidate extension name"), v));
            }
        }
        return new Candidate(foundation, component, transport, priority, address, port, type, relAddr, relPort, ext);
    }

    private static void checkAddress(String address) throws SdpParseException {
        SdpSyntax.checkAddress(address.indexOf(':') >= 0 ? "IP6" : "IP4", address);
    }

    /** An extension's value, or null. */
    public String extension(String name) {
        for (Extension e : extensions) {
            if (e.name.equals(name)) {
                return e.value;
            }
        }
        return null;
    }

    /** The "generation" extension browsers add, or -1. */
    public int generation() {
        String g = extension("generation");
        return g != null && SdpSyntax.isDigits(g) && g.length() < 9 ? Integer.parseInt(g) : -1;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        StringBuilder b = new StringBuilder(96).append(foundation).append(' ').append(component).append(' ')
                .append(transport).append(' ').append(priority).append(' ').append(address).append(' ').append(port)
                .append(" typ ").append(type);
        if (relatedAddress != null) {
            b.append(" raddr ").append(relatedAddress);
        }
        if (relatedPort >= 0) {
            b.append(" rport ").append(relatedPort);
        }
        for (Extension e : extensions) {
            b.append(' ').append(e.name).append(' ').append(e.value);
        }
        return b.toString();
    }
}
