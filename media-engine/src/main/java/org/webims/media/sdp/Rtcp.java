package org.webims.media.sdp;

import java.util.List;

/** a=rtcp (RFC 3605): the RTCP port, and the address when it differs from c=. Address parts are null when absent. */
public record Rtcp(int port, String netType, String addrType, String address) implements SdpAttribute {

    public static final String NAME = "rtcp";

    public Rtcp {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port 0..65535");
        }
    }

    public static Rtcp parse(String value) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        if (f.size() != 1 && f.size() != 4) {
            throw SdpParseException.syntax("rtcp must be <port> [<nettype> <addrtype> <address>]");
        }
        int port = SdpSyntax.integer(f.get(0), 0, 65535, "rtcp port");
        if (f.size() == 1) {
            return new Rtcp(port, null, null, null);
        }
        SdpSyntax.checkAddress(f.get(2), f.get(3));
        return new Rtcp(port, SdpSyntax.token(f.get(1), "rtcp nettype"), SdpSyntax.token(f.get(2), "rtcp addrtype"),
                f.get(3));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return address == null ? Integer.toString(port) : port + " " + netType + ' ' + addrType + ' ' + address;
    }
}
