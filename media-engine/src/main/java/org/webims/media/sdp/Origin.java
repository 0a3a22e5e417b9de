package org.webims.media.sdp;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * The o= line (RFC 8866 §5.2). Session id and version are kept as digit strings: they are
 * opaque numbers that may exceed a long (RFC 8866 only asks for 1*DIGIT).
 */
public record Origin(String username, String sessionId, String sessionVersion, String netType, String addrType,
        String address) {

    public Origin {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(netType, "netType");
        Objects.requireNonNull(addrType, "addrType");
        Objects.requireNonNull(address, "address");
        if (!SdpSyntax.isDigits(sessionId) || !SdpSyntax.isDigits(sessionVersion)) {
            throw new IllegalArgumentException("session id and version must be digits");
        }
    }

    public static Origin parse(String value) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        if (f.size() != 6) {
            throw SdpParseException.syntax("o= needs 6 fields: username sess-id sess-version nettype addrtype address");
        }
        if (!SdpSyntax.isDigits(f.get(1)) || !SdpSyntax.isDigits(f.get(2))) {
            throw SdpParseException.syntax("o= session id and version must be digits");
        }
        SdpSyntax.token(f.get(3), "o= nettype");
        SdpSyntax.token(f.get(4), "o= addrtype");
        SdpSyntax.checkAddress(f.get(4), f.get(5));
        return new Origin(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5));
    }

    /** The same origin with the version raised by one, for a modified description (RFC 3264 §8). */
    public Origin nextVersion() {
        String next = new BigInteger(sessionVersion).add(BigInteger.ONE).toString();
        return new Origin(username, sessionId, next, netType, addrType, address);
    }

    public String value() {
        return username + ' ' + sessionId + ' ' + sessionVersion + ' ' + netType + ' ' + addrType + ' ' + address;
    }
}
