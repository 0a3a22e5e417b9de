package org.webims.media.sdp;

import java.util.List;
import java.util.Objects;

/** a=extmap (RFC 8285 §8): RTP header extension id, optional direction, URI and extension attributes (null when absent). */
public record ExtMap(int id, Direction direction, String uri, String extensionAttributes) implements SdpAttribute {

    public static final String NAME = "extmap";

    public ExtMap {
        Objects.requireNonNull(uri, "uri");
        if (id < 1 || id > 4351) {
            throw new IllegalArgumentException("extmap id 1..4351");
        }
    }

    public static ExtMap parse(String value) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        if (f.size() < 2) {
            throw SdpParseException.syntax("extmap must be <id>[/<direction>] <URI> [<attributes>]");
        }
        String[] idDir = f.get(0).split("/", -1);
        if (idDir.length > 2) {
            throw SdpParseException.syntax("bad extmap id '" + f.get(0) + "'");
        }
        int id = SdpSyntax.integer(idDir[0], 1, 4351, "extmap id");
        Direction direction = null;
        if (idDir.length == 2) {
            direction = Direction.fromAttributeName(idDir[1]);
            if (direction == null) {
                throw SdpParseException.syntax("bad extmap direction '" + idDir[1] + "'");
            }
        }
        String attrs = f.size() > 2 ? String.join(" ", f.subList(2, f.size())) : null;
        return new ExtMap(id, direction, f.get(1), attrs);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        StringBuilder b = new StringBuilder(64).append(id);
        if (direction != null) {
            b.append('/').append(direction.attributeName());
        }
        b.append(' ').append(uri);
        if (extensionAttributes != null) {
            b.append(' ').append(extensionAttributes);
        }
        return b.toString();
    }
}
