package org.webims.sip.container.address;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One RFC 4475 torture message from the test resources, read as a message parser would read its
 * head: header lines unfolded (RFC 3261 §7.3.1), names matched case-insensitively and in compact
 * form. It extracts values only; checking them is the job of the API under test.
 */
final class Rfc4475Message {
    private static final Map<String, String> COMPACT = Map.of(
            "f", "from", "t", "to", "m", "contact", "v", "via", "c", "content-type", "i", "call-id", "l", "content-length");

    private final String startLine;
    private final List<String[]> headers = new ArrayList<>();

    private Rfc4475Message(String head) {
        String[] lines = head.split("\r\n");
        startLine = lines[0];
        List<String> unfolded = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && !unfolded.isEmpty()) {
                // Folding LWS may be replaced by one SP (RFC 3261 §7.3.1).
                int last = unfolded.size() - 1;
                unfolded.set(last, unfolded.get(last).stripTrailing() + " " + line.strip());
            } else {
                unfolded.add(line);
            }
        }
        for (String line : unfolded) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            headers.add(new String[] {COMPACT.getOrDefault(name, name), line.substring(colon + 1).strip()});
        }
    }

    static Rfc4475Message load(String name) {
        try (InputStream in = Rfc4475Message.class.getResourceAsStream("/rfc4475/" + name + ".dat")) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource rfc4475/" + name + ".dat");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            return new Rfc4475Message(end < 0 ? text : text.substring(0, end));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Request-URI: what lies between the method and " SIP/2.0". */
    String requestUri() {
        return startLine.substring(startLine.indexOf(' ') + 1, startLine.lastIndexOf(" SIP/"));
    }

    /** Every value of the named header (full name, any case), in order. */
    List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase(name)) {
                values.add(header[1]);
            }
        }
        return values;
    }

    String value(String name) {
        List<String> values = values(name);
        if (values.size() != 1) {
            throw new IllegalStateException(values.size() + " " + name + " headers in " + startLine);
        }
        return values.get(0);
    }
}
