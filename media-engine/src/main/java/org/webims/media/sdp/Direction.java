package org.webims.media.sdp;

/** The media direction attributes (RFC 8866 §6.7) and the offer/answer rules on them (RFC 3264 §6.1). */
public enum Direction {
    SENDRECV("sendrecv", true, true),
    SENDONLY("sendonly", true, false),
    RECVONLY("recvonly", false, true),
    INACTIVE("inactive", false, false);

    private final String attributeName;
    private final boolean sends;
    private final boolean receives;

    Direction(String attributeName, boolean sends, boolean receives) {
        this.attributeName = attributeName;
        this.sends = sends;
        this.receives = receives;
    }

    public String attributeName() {
        return attributeName;
    }

    public boolean sends() {
        return sends;
    }

    public boolean receives() {
        return receives;
    }

    public static Direction of(boolean sends, boolean receives) {
        return sends ? (receives ? SENDRECV : SENDONLY) : (receives ? RECVONLY : INACTIVE);
    }

    /** The direction seen from the other end: sendonly becomes recvonly and back. */
    public Direction reverse() {
        return of(receives, sends);
    }

    /** What both allow. */
    public Direction intersect(Direction other) {
        return of(sends && other.sends, receives && other.receives);
    }

    /** The direction for an attribute name, or null when the name is not a direction. */
    public static Direction fromAttributeName(String name) {
        for (Direction d : values()) {
            if (d.attributeName.equals(name)) {
                return d;
            }
        }
        return null;
    }

    public SdpAttribute toAttribute() {
        return SdpAttribute.flag(attributeName);
    }
}
