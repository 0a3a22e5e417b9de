package org.webims.media.node;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The web side's interfaces as the operator lists them: {@code addr[=public], addr[=public], ...},
 * one WebRTC socket and host candidate per entry (RFC 8445 §5.1.1.1: a candidate per interface),
 * the first one the SDP's c= line. The gateway's {@code media.web.bind-address} and the media
 * node's {@code --web-bind} both read it here.
 */
public final class WebInterfaceList {

    private WebInterfaceList() {
    }

    /**
     * The web side: {@code listed} parsed, or the one {@link MediaInterface#side} interface when it is
     * null (the single-address behaviour, unchanged). {@code publicAddress} ({@code publicName}'s value,
     * null if not set) is the first entry's public address, as it is the single address's.
     *
     * @throws IllegalArgumentException naming the entry and what is wrong with it
     */
    public static List<MediaInterface> resolve(MediaInterface shared, String listed, InetAddress publicAddress,
            String publicName) {
        if (listed == null) {
            return List.of(MediaInterface.side(shared, null, publicAddress));
        }
        List<MediaInterface> entries = parse(listed);
        MediaInterface first = entries.get(0);
        if (publicAddress != null) {
            if (first.publicAddress() != null) {
                throw new IllegalArgumentException("entry '" + listed.split(",")[0].trim()
                        + "' has its own public address and " + publicName + " gives another; give it once");
            }
            entries.set(0, new MediaInterface(first.bindAddress(), publicAddress));
        }
        return List.copyOf(entries);
    }

    /**
     * {@code addr[=public]} entries separated by commas, each a literal IP address.
     *
     * @throws IllegalArgumentException naming the entry and what is wrong with it
     */
    public static List<MediaInterface> parse(String text) {
        List<MediaInterface> out = new ArrayList<>();
        Set<InetAddress> binds = new HashSet<>();
        for (String raw : text.split(",", -1)) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("an empty entry in '" + text.trim() + "'");
            }
            int eq = entry.indexOf('=');
            InetAddress bind = literal(entry, eq < 0 ? entry : entry.substring(0, eq).trim());
            InetAddress nat = eq < 0 ? null : literal(entry, entry.substring(eq + 1).trim());
            if (!binds.add(bind)) {
                throw new IllegalArgumentException("entry '" + entry + "': " + bind.getHostAddress() + " is listed twice");
            }
            out.add(new MediaInterface(bind, nat));
        }
        for (MediaInterface m : out) {
            // a wildcard socket takes the port on every address, so it would clash with the others' sockets
            if (out.size() > 1 && m.bindAddress().isAnyLocalAddress()) {
                throw new IllegalArgumentException("entry '" + m.bindAddress().getHostAddress()
                        + "': a wildcard address binds every interface, so it cannot be one of several");
            }
        }
        return out;
    }

    private static InetAddress literal(String entry, String text) {
        try {
            return MediaInterface.literal(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("entry '" + entry + "': " + e.getMessage());
        }
    }
}
