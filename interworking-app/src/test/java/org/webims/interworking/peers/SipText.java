package org.webims.interworking.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A SIP message as a test reads it: start line, headers by name (compact forms not expanded), body. */
public record SipText(String startLine, List<String[]> headers, String body) {

    public static SipText parse(String text) {
        int split = text.indexOf("\r\n\r\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 4);
        String[] lines = head.split("\r\n");
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
            }
        }
        return new SipText(lines[0], headers, body);
    }

    public boolean isResponse() {
        return startLine.startsWith("SIP/2.0 ");
    }

    public int status() {
        return isResponse() ? Integer.parseInt(startLine.substring(8, 11)) : 0;
    }

    public String method() {
        return isResponse() ? header("CSeq").split("\\s+")[1] : startLine.substring(0, startLine.indexOf(' '));
    }

    public String header(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                values.add(h[1]);
            }
        }
        return values;
    }

    /** A parameter of a Digest challenge header ({@code nonce}, {@code realm}...), unquoted. */
    public static String param(String header, String name) {
        for (String part : header.substring(header.indexOf(' ') + 1).split(",")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith(name + "=")) {
                return p.substring(name.length() + 1).replace("\"", "");
            }
        }
        return null;
    }

    /**
     * A response to this request as a JsSIP user agent writes one (RFC 3261 §8.2.6): Via, From,
     * Call-ID and CSeq copied, To with {@code toTag}, a Contact on the .invalid host, and
     * {@code body} as SDP when not null.
     */
    public String reply(int status, String reason, String toTag, String body) {
        return reply(status, reason, toTag, "<sip:alicex@" + WebSocketSipPeer.INVALID_HOST + ";transport=ws>", body);
    }

    /** As {@link #reply(int, String, String, String)}, with {@code contact} as the Contact of a 1xx/2xx to INVITE. */
    public String reply(int status, String reason, String toTag, String contact, String body) {
        StringBuilder b = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        for (String via : all("Via")) {
            b.append("Via: ").append(via).append("\r\n");
        }
        String to = header("To");
        b.append("To: ").append(to).append(toTag == null || to.contains(";tag=") ? "" : ";tag=" + toTag).append("\r\n");
        b.append("From: ").append(header("From")).append("\r\n");
        b.append("Call-ID: ").append(header("Call-ID")).append("\r\n");
        b.append("CSeq: ").append(header("CSeq")).append("\r\n");
        if (status > 100 && status < 300 && method().equals("INVITE")) {
            b.append("Contact: ").append(contact).append("\r\n");
        }
        String content = body == null ? "" : body;
        if (body != null) {
            b.append("Content-Type: application/sdp\r\n");
        }
        b.append("Content-Length: ").append(content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .append("\r\n\r\n").append(content);
        return b.toString();
    }

    /** The URI in this message's Contact (for requests inside the dialog it makes). */
    public String contactUri() {
        return header("Contact").replaceAll(".*<([^>]+)>.*", "$1");
    }
}
