package org.webims.media.sdp;

import java.util.List;
import java.util.Objects;

/** a=msid (RFC 8830 §2): media stream id and the optional track id (null when absent). */
public record Msid(String streamId, String trackId) implements SdpAttribute {

    public static final String NAME = "msid";

    public Msid {
        Objects.requireNonNull(streamId, "streamId");
    }

    public static Msid parse(String value) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        if (f.isEmpty() || f.size() > 2 || f.get(0).length() > 64) {
            throw SdpParseException.syntax("msid must be <stream id> [<track id>]");
        }
        SdpSyntax.token(f.get(0), "msid id");
        if (f.size() == 2) {
            SdpSyntax.token(f.get(1), "msid appdata");
        }
        return new Msid(f.get(0), f.size() == 2 ? f.get(1) : null);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return trackId == null ? streamId : streamId + ' ' + trackId;
    }
}
