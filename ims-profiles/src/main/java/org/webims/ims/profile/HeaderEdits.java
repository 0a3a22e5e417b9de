package org.webims.ims.profile;

import java.util.List;

/**
 * Headers added to and stripped from requests and responses sent in one direction. Names are as
 * written in the profile; none is a system header (JSR 289 §5.4.2) the container manages.
 */
public record HeaderEdits(List<Added> add, List<String> strip) {

    public HeaderEdits {
        add = List.copyOf(add);
        strip = List.copyOf(strip);
    }

    public static HeaderEdits none() {
        return new HeaderEdits(List.of(), List.of());
    }

    /** A header to add, its value checked by the SIP header parser when the profile is read. */
    public record Added(String name, String value) {
    }
}
