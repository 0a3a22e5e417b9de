package org.webims.media.sdp;

import java.util.Map;

/**
 * The attributes the parser checks: those with a typed class, and those with a simple value
 * whose grammar matters to the media engine (kept as {@link GenericAttribute}). Any other
 * attribute passes unchecked, as RFC 8866 §5.13 asks.
 */
final class KnownAttributes {

    @FunctionalInterface
    private interface ValueParser {
        SdpAttribute parse(String value) throws SdpParseException;
    }

    private static final Map<String, ValueParser> TYPED = Map.ofEntries(
            Map.entry(RtpMap.NAME, RtpMap::parse),
            Map.entry(Fmtp.NAME, Fmtp::parse),
            Map.entry(RtcpFeedback.NAME, RtcpFeedback::parse),
            Map.entry(Rtcp.NAME, Rtcp::parse),
            Map.entry(ExtMap.NAME, ExtMap::parse),
            Map.entry(Crypto.NAME, Crypto::parse),
            Map.entry(Fingerprint.NAME, Fingerprint::parse),
            Map.entry(Candidate.NAME, Candidate::parse),
            Map.entry(Ssrc.NAME, Ssrc::parse),
            Map.entry(SsrcGroup.NAME, SsrcGroup::parse),
            Map.entry(Group.NAME, Group::parse),
            Map.entry(Msid.NAME, Msid::parse),
            Map.entry("curr", v -> Precondition.parse(Precondition.Kind.CURRENT, v)),
            Map.entry("des", v -> Precondition.parse(Precondition.Kind.DESIRED, v)),
            Map.entry("conf", v -> Precondition.parse(Precondition.Kind.CONFIRM, v)));

    private KnownAttributes() {
    }

    static boolean isTyped(String name) {
        return TYPED.containsKey(name);
    }

    static SdpAttribute parse(String name, String value) throws SdpParseException {
        if (!SdpSyntax.isToken(name)) {
            throw SdpParseException.syntax("bad attribute name '" + name + "'");
        }
        ValueParser typed = TYPED.get(name);
        if (typed != null) {
            if (value == null) {
                throw SdpParseException.syntax("a=" + name + " needs a value");
            }
            return typed.parse(value);
        }
        if (value != null) {
            checkSimple(name, value);
        }
        return new GenericAttribute(name, value);
    }

    private static void checkSimple(String name, String value) throws SdpParseException {
        switch (name) {
            case "ptime", "maxptime" -> SdpSyntax.integer(value.trim(), 1, 100_000, name);
            case "maxprate" -> SdpSyntax.packetRate(value.trim());
            case "setup" -> Setup.parse(value.trim());
            case "mid" -> SdpSyntax.token(value, "mid");
            case "ice-ufrag", "ice-pwd" -> {
                if (value.length() > 256 || !SdpSyntax.isIceChars(value)) {
                    throw SdpParseException.syntax("bad " + name + " (RFC 8839 ice-char, at most 256)");
                }
            }
            default -> {
                // any other attribute is kept as written (RFC 8866 §5.13)
            }
        }
    }
}
