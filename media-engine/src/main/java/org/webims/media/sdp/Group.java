package org.webims.media.sdp;

import java.util.List;
import java.util.Objects;

/** a=group (RFC 5888 §5): semantics (BUNDLE, LS, FID, ...) and the mid values grouped. */
public record Group(String semantics, List<String> mids) implements SdpAttribute {

    public static final String NAME = "group";
    public static final String BUNDLE = "BUNDLE";

    public Group {
        Objects.requireNonNull(semantics, "semantics");
        mids = List.copyOf(mids);
    }

    public static Group parse(String value) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        if (f.isEmpty()) {
            throw SdpParseException.syntax("group must be <semantics> <mid>...");
        }
        for (String mid : f) {
            SdpSyntax.token(mid, "group identification tag");
        }
        return new Group(f.get(0), f.subList(1, f.size()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return mids.isEmpty() ? semantics : semantics + ' ' + String.join(" ", mids);
    }
}
