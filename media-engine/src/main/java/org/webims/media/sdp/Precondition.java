package org.webims.media.sdp;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The precondition attributes of RFC 3312 §5: a=curr (current status), a=des (desired status,
 * with a strength) and a=conf (confirmation wanted). Strength is null except for a=des.
 */
public record Precondition(Kind kind, String preconditionType, Strength strength, StatusType statusType,
        Direction direction) implements SdpAttribute {

    public static final String QOS = "qos";

    /** Which of the three attributes. */
    public enum Kind {
        CURRENT("curr"), DESIRED("des"), CONFIRM("conf");

        private final String attributeName;

        Kind(String attributeName) {
            this.attributeName = attributeName;
        }

        public String attributeName() {
            return attributeName;
        }
    }

    /** RFC 3312 §5 strength-tag. */
    public enum Strength { MANDATORY, OPTIONAL, NONE, FAILURE, UNKNOWN }

    /** RFC 3312 §5 status-type. */
    public enum StatusType { E2E, LOCAL, REMOTE }

    /** RFC 3312 §5 direction-tag: none, send, recv, sendrecv. */
    public enum Direction { NONE, SEND, RECV, SENDRECV }

    public Precondition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(preconditionType, "preconditionType");
        Objects.requireNonNull(statusType, "statusType");
        Objects.requireNonNull(direction, "direction");
        if ((kind == Kind.DESIRED) != (strength != null)) {
            throw new IllegalArgumentException("a strength is given for a=des and only for it");
        }
    }

    public static Precondition parse(Kind kind, String value) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        int expected = kind == Kind.DESIRED ? 4 : 3;
        if (f.size() != expected) {
            throw SdpParseException.syntax(kind == Kind.DESIRED
                    ? "des must be <precondition-type> <strength> <status-type> <direction>"
                    : kind.attributeName + " must be <precondition-type> <status-type> <direction>");
        }
        String type = SdpSyntax.token(f.get(0), "precondition type");
        int i = 1;
        Strength strength = null;
        if (kind == Kind.DESIRED) {
            strength = parseEnum(Strength.class, f.get(i++), "strength");
        }
        StatusType status = parseEnum(StatusType.class, f.get(i++), "status type");
        Direction direction = parseEnum(Direction.class, f.get(i), "direction");
        return new Precondition(kind, type, strength, status, direction);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String text, String what) throws SdpParseException {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text)) {
                return e;
            }
        }
        throw SdpParseException.syntax("bad precondition " + what + " '" + text + "'");
    }

    @Override
    public String name() {
        return kind.attributeName;
    }

    @Override
    public String value() {
        StringBuilder b = new StringBuilder(32).append(preconditionType).append(' ');
        if (strength != null) {
            b.append(strength.name().toLowerCase(Locale.ROOT)).append(' ');
        }
        return b.append(statusType.name().toLowerCase(Locale.ROOT)).append(' ')
                .append(direction.name().toLowerCase(Locale.ROOT)).toString();
    }
}
