package org.webims.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** a=ssrc-group (RFC 5576 §4.2): semantics (FID for RTX, FEC, SIM) and the sources. */
public record SsrcGroup(String semantics, List<Long> ssrcs) implements SdpAttribute {

    public static final String NAME = "ssrc-group";

    public SsrcGroup {
        Objects.requireNonNull(semantics, "semantics");
        ssrcs = List.copyOf(ssrcs);
    }

    public static SsrcGroup parse(String value) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        if (f.isEmpty()) {
            throw SdpParseException.syntax("ssrc-group must be <semantics> <ssrc-id>...");
        }
        List<Long> ids = new ArrayList<>(f.size() - 1);
        for (String s : f.subList(1, f.size())) {
            ids.add(SdpSyntax.longInteger(s, 0, 0xFFFF_FFFFL, "ssrc"));
        }
        return new SsrcGroup(SdpSyntax.token(f.get(0), "ssrc-group semantics"), ids);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        StringBuilder b = new StringBuilder(semantics);
        for (Long s : ssrcs) {
            b.append(' ').append(s);
        }
        return b.toString();
    }
}
