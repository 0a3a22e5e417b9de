package org.webims.media.sdp;

import java.util.List;
import java.util.Objects;

/**
 * A c= line (RFC 8866 §5.7): network type, address type, address and, for multicast, the TTL
 * (IP4 only) and the number of addresses; 0 stands for an absent TTL or count.
 */
public record Connection(String netType, String addrType, String address, int ttl, int addressCount) {

    public Connection {
        Objects.requireNonNull(netType, "netType");
        Objects.requireNonNull(addrType, "addrType");
        Objects.requireNonNull(address, "address");
    }

    /** A unicast IN connection; the address type follows from the address. */
    public static Connection of(String address) {
        return new Connection("IN", address.indexOf(':') >= 0 ? "IP6" : "IP4", address, 0, 0);
    }

    public static Connection parse(String value) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        if (f.size() != 3) {
            throw SdpParseException.syntax("c= needs 3 fields: nettype addrtype connection-address");
        }
        String netType = SdpSyntax.token(f.get(0), "c= nettype");
        String addrType = SdpSyntax.token(f.get(1), "c= addrtype");
        String[] parts = f.get(2).split("/", -1);
        String address = parts[0];
        SdpSyntax.checkAddress(addrType, address);
        int ttl = 0;
        int count = 0;
        if ("IP4".equals(addrType)) {
            if (parts.length > 3) {
                throw SdpParseException.syntax("bad IP4 multicast suffix in '" + f.get(2) + "'");
            }
            if (parts.length >= 2) {
                ttl = SdpSyntax.integer(parts[1], 0, 255, "TTL");
            }
            if (parts.length == 3) {
                count = SdpSyntax.integer(parts[2], 1, 65535, "address count");
            }
        } else if ("IP6".equals(addrType)) {
            if (parts.length > 2) {
                throw SdpParseException.syntax("bad IP6 multicast suffix in '" + f.get(2) + "'");
            }
            if (parts.length == 2) {
                count = SdpSyntax.integer(parts[1], 1, 65535, "address count");
            }
        } else if (parts.length > 1) {
            address = f.get(2); // unknown address type: kept whole (RFC 8866 §5.7 extensibility)
        }
        return new Connection(netType, addrType, address, ttl, count);
    }

    public String value() {
        StringBuilder b = new StringBuilder(32).append(netType).append(' ').append(addrType).append(' ').append(address);
        if (ttl > 0) {
            b.append('/').append(ttl);
        }
        if (addressCount > 0) {
            b.append('/').append(addressCount);
        }
        return b.toString();
    }
}
