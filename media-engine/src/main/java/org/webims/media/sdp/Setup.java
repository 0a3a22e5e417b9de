package org.webims.media.sdp;

/** The a=setup roles of RFC 4145 §4 (used by DTLS-SRTP, RFC 5763 §5). */
public enum Setup {
    ACTIVE("active"), PASSIVE("passive"), ACTPASS("actpass"), HOLDCONN("holdconn");

    private final String token;

    Setup(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public static Setup parse(String value) throws SdpParseException {
        for (Setup s : values()) {
            if (s.token.equals(value)) {
                return s;
            }
        }
        throw SdpParseException.syntax("setup must be active, passive, actpass or holdconn, not '" + value + "'");
    }

    public SdpAttribute toAttribute() {
        return new GenericAttribute("setup", token);
    }
}
