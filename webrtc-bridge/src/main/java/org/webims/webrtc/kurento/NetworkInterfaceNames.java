package org.webims.webrtc.kurento;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps Kurento's {@code networkInterfaces} (a comma list of the host's interface names, such as
 * {@code lo} or {@code eth0}) onto a node's web interfaces, which are configured by address
 * (decision 0075), through the operating system's interface list: a web interface belongs to a
 * name when its bind address is one of that interface's addresses, or is a loopback address and
 * the interface is the loopback one (Linux routes all of 127/8 there), or is the wildcard address.
 */
final class NetworkInterfaceNames {

    private NetworkInterfaceNames() {
    }

    /**
     * The indexes in {@code webBinds} of the web interfaces the names cover.
     *
     * @throws IllegalArgumentException for an empty entry, a name the host does not have, or one
     *                                  that carries none of the web interfaces
     */
    static Set<Integer> select(String names, List<InetAddress> webBinds) {
        Set<Integer> selected = new TreeSet<>();
        for (String entry : names.split(",", -1)) {
            String name = entry.strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty interface name in '" + names + "'");
            }
            NetworkInterface nic = byName(name);
            List<InetAddress> own = nic == null ? List.of() : Collections.list(nic.getInetAddresses());
            boolean loopback = nic != null && isLoopback(nic);
            boolean found = false;
            for (int i = 0; i < webBinds.size(); i++) {
                InetAddress bind = webBinds.get(i);
                if (nic != null && (bind.isAnyLocalAddress() || own.contains(bind) || loopback && bind.isLoopbackAddress())) {
                    selected.add(i);
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalArgumentException((nic == null ? "this host has no network interface '"
                        : "network interface '") + name + (nic == null ? "'" : "' carries none")
                        + " of the node's web interfaces " + addresses(webBinds));
            }
        }
        return selected;
    }

    private static NetworkInterface byName(String name) {
        try {
            return NetworkInterface.getByName(name);
        } catch (SocketException e) {
            return null; // the host's list could not be read: no such name as far as we can tell
        }
    }

    private static boolean isLoopback(NetworkInterface nic) {
        try {
            return nic.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    private static List<String> addresses(List<InetAddress> binds) {
        List<String> out = new ArrayList<>(binds.size());
        binds.forEach(a -> out.add(a.getHostAddress()));
        return out;
    }
}
