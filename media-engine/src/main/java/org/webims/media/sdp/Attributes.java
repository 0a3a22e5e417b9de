package org.webims.media.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The a= lines of one section, in their order, with lookups by name and by typed class. */
public final class Attributes {

    static final Attributes EMPTY = new Attributes(List.of());

    private final List<SdpAttribute> list;

    Attributes(List<SdpAttribute> list) {
        this.list = Collections.unmodifiableList(new ArrayList<>(list));
    }

    public List<SdpAttribute> asList() {
        return list;
    }

    public int size() {
        return list.size();
    }

    public boolean has(String name) {
        for (SdpAttribute a : list) {
            if (a.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The value of the first attribute with this name (empty for a missing or property attribute). */
    public Optional<String> value(String name) {
        for (SdpAttribute a : list) {
            if (a.name().equals(name)) {
                return Optional.ofNullable(a.value());
            }
        }
        return Optional.empty();
    }

    public List<String> values(String name) {
        List<String> out = new ArrayList<>(2);
        for (SdpAttribute a : list) {
            if (a.name().equals(name) && a.value() != null) {
                out.add(a.value());
            }
        }
        return out;
    }

    public <T extends SdpAttribute> List<T> ofType(Class<T> type) {
        List<T> out = new ArrayList<>(4);
        for (SdpAttribute a : list) {
            if (type.isInstance(a)) {
                out.add(type.cast(a));
            }
        }
        return out;
    }

    public <T extends SdpAttribute> Optional<T> first(Class<T> type) {
        for (SdpAttribute a : list) {
            if (type.isInstance(a)) {
                return Optional.of(type.cast(a));
            }
        }
        return Optional.empty();
    }

    /** The direction attribute of this section, if it has one (the last one wins, as written). */
    public Optional<Direction> direction() {
        Direction found = null;
        for (SdpAttribute a : list) {
            if (a.value() == null) {
                Direction d = Direction.fromAttributeName(a.name());
                if (d != null) {
                    found = d;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** An integer attribute such as ptime; empty when absent or not an integer. */
    public OptionalInt intValue(String name) {
        Optional<String> v = value(name);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        String s = v.get().trim();
        return SdpSyntax.isDigits(s) && s.length() < 10 ? OptionalInt.of(Integer.parseInt(s)) : OptionalInt.empty();
    }

    public Optional<Setup> setup() {
        Optional<String> v = value("setup");
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Setup.parse(v.get().trim()));
        } catch (SdpParseException e) { // only reachable for a value not checked by the parser
            return Optional.empty();
        }
    }

    /** The space-separated tokens of an attribute such as ice-options; empty when absent. */
    public List<String> tokens(String name) {
        return value(name).map(SdpSyntax::fields).orElse(List.of());
    }

    @Override
    public String toString() {
        return list.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attributes other && list.equals(other.list);
    }

    @Override
    public int hashCode() {
        return list.hashCode();
    }
}
