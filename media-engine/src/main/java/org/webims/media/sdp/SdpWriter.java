package org.webims.media.sdp;

/** Writes a session description with CRLF line ends in the line order of RFC 8866 §5. */
public final class SdpWriter {

    private static final String CRLF = "\r\n";

    private SdpWriter() {
    }

    public static String write(SessionDescription sd) {
        StringBuilder b = new StringBuilder(1024);
        line(b, 'v', Integer.toString(sd.version()));
        line(b, 'o', sd.origin().value());
        line(b, 's', sd.sessionName());
        optional(b, 'i', sd.information());
        optional(b, 'u', sd.uri());
        for (String e : sd.emails()) {
            line(b, 'e', e);
        }
        for (String p : sd.phones()) {
            line(b, 'p', p);
        }
        sd.connection().ifPresent(c -> line(b, 'c', c.value()));
        for (Bandwidth bw : sd.bandwidths()) {
            line(b, 'b', bw.text());
        }
        for (Timing t : sd.timings()) {
            line(b, 't', t.value());
            for (String r : t.repeats()) {
                line(b, 'r', r);
            }
        }
        optional(b, 'z', sd.timeZones());
        optional(b, 'k', sd.encryptionKey());
        attributes(b, sd.attributes());
        for (MediaDescription m : sd.media()) {
            writeMedia(b, m);
        }
        return b.toString();
    }

    /** One media section, from its m= line on. */
    public static String write(MediaDescription m) {
        StringBuilder b = new StringBuilder(512);
        writeMedia(b, m);
        return b.toString();
    }

    private static void writeMedia(StringBuilder b, MediaDescription m) {
        b.append("m=").append(m.media()).append(' ').append(m.port());
        if (m.portCount() > 0) {
            b.append('/').append(m.portCount());
        }
        b.append(' ').append(m.proto());
        for (String f : m.formats()) {
            b.append(' ').append(f);
        }
        b.append(CRLF);
        optional(b, 'i', m.information());
        for (Connection c : m.connections()) {
            line(b, 'c', c.value());
        }
        for (Bandwidth bw : m.bandwidths()) {
            line(b, 'b', bw.text());
        }
        optional(b, 'k', m.encryptionKey());
        attributes(b, m.attributes());
    }

    private static void attributes(StringBuilder b, Attributes attributes) {
        for (SdpAttribute a : attributes.asList()) {
            b.append("a=").append(a.name());
            String v = a.value();
            if (v != null) {
                b.append(':').append(v);
            }
            b.append(CRLF);
        }
    }

    private static void optional(StringBuilder b, char type, String value) {
        if (value != null) {
            line(b, type, value);
        }
    }

    private static void line(StringBuilder b, char type, String value) {
        b.append(type).append('=').append(value).append(CRLF);
    }
}
