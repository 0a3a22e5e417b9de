package org.webims.gateway.config;

import java.util.Locale;
import java.util.Map;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipTransport;

/** The merged settings, with typed readers whose errors name origin, key and problem. */
public final class ConfigValues {
    private final Map<String, ConfigValue> values;

    ConfigValues(Map<String, ConfigValue> values) {
        this.values = Map.copyOf(values);
    }

    public ConfigValue get(String key) {
        ConfigValue value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("no default for " + key + " in gateway.conf");
        }
        return value;
    }

    public String text(String key) {
        return get(key).text();
    }

    public int intIn(String key, int min, int max) throws ConfigException {
        ConfigValue value = get(key);
        try {
            int n = Integer.parseInt(value.text());
            if (n < min || n > max) {
                throw value.error("'" + value.text() + "' is outside " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw value.error("'" + value.text() + "' is not a whole number");
        }
    }

    public boolean bool(String key) throws ConfigException {
        ConfigValue value = get(key);
        return switch (value.text().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw value.error("'" + value.text() + "' is not true or false");
        };
    }

    /** A path that must exist (a file or folder), as one item of {@code key}. */
    public java.nio.file.Path existingPath(String key, String item) throws ConfigException {
        java.nio.file.Path path = java.nio.file.Path.of(item);
        if (!java.nio.file.Files.exists(path)) {
            throw get(key).error("'" + item + "' does not exist");
        }
        return path;
    }

    /** A {@code host:port} socket address ({@code [v6]:port} for IPv6); {@code null} where the value is {@code off}. */
    public HostPort hostPortOrOff(String key) throws ConfigException {
        ConfigValue value = get(key);
        String text = value.text();
        if (text.equalsIgnoreCase("off")) {
            return null;
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw value.error("'" + text + "' is not host:port or off");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw value.error("'" + text + "': write an IPv6 address in brackets, [::1]:5060");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw value.error("'" + text + "': port is not a number");
        }
        if (port < 1 || port > 65535) {
            throw value.error("'" + text + "': port " + port + " is outside 1..65535");
        }
        return new HostPort(host, port);
    }

    /** An inclusive {@code min-max} range of numbers within {@code [lowest, highest]}. */
    public int[] rangeIn(String key, int lowest, int highest) throws ConfigException {
        ConfigValue value = get(key);
        String[] parts = value.text().split("-", -1);
        if (parts.length != 2) {
            throw value.error("'" + value.text() + "' is not a range like 40000-49999");
        }
        int min;
        int max;
        try {
            min = Integer.parseInt(parts[0].strip());
            max = Integer.parseInt(parts[1].strip());
        } catch (NumberFormatException e) {
            throw value.error("'" + value.text() + "': both ends must be numbers");
        }
        if (min < lowest || max > highest || min > max) {
            throw value.error("'" + value.text() + "' must lie within " + lowest + ".." + highest + ", low end first");
        }
        return new int[] {min, max};
    }

    /** An IP address literal (no name lookup), or null where the value is empty and {@code optional}. */
    public java.net.InetAddress ipAddress(String key, boolean optional) throws ConfigException {
        ConfigValue value = get(key);
        String text = value.text();
        if (text.isEmpty() && optional) {
            return null;
        }
        // InetAddress.ofLiteral is Java 22; a literal check first keeps getByName from resolving names.
        if (!text.matches("[0-9.]+") && !text.contains(":")) {
            throw value.error("'" + text + "' is not an IP address");
        }
        try {
            return java.net.InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw value.error("'" + text + "' is not an IP address");
        }
    }

    public ListenAddress sipListen(String key, SipTransport transport) throws ConfigException {
        HostPort hp = hostPortOrOff(key);
        return hp == null ? null : new ListenAddress(transport, hp.host(), hp.port());
    }

    /** A host and port pair. */
    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
