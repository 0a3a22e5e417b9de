package org.webims.interworking.call;

import java.util.ListIterator;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.webims.ims.profile.ExtensionPolicy;

/** 100rel (RFC 3262) toward the IMS as the carrier profile's signalling policy says. */
final class ReliableProvisionals {
    static final String OPTION_TAG = "100rel";

    private ReliableProvisionals() {
    }

    /** Announces 100rel on an INVITE toward the IMS: in Supported, or in Require when the profile requires it. */
    static void announce(SipServletRequest imsInvite, ExtensionPolicy policy) {
        if (policy == ExtensionPolicy.REQUIRED) {
            imsInvite.addHeader("Require", OPTION_TAG);
        } else if (policy == ExtensionPolicy.SUPPORTED) {
            imsInvite.addHeader("Supported", OPTION_TAG);
        }
    }

    /** Whether a provisional response from the IMS was sent reliably and wants a PRACK (RFC 3262 §4). */
    static boolean wantsPrack(SipServletResponse response) {
        return response.getStatus() > 100 && response.getStatus() < 200 && hasTag(response, "Require")
                && response.getHeader("RSeq") != null;
    }

    /**
     * Whether our provisional responses to an INVITE from the IMS go reliably: when it requires
     * 100rel, or supports it and the profile uses it (RFC 3262 §3).
     */
    static boolean sendReliably(SipServletRequest imsInvite, ExtensionPolicy policy) {
        return hasTag(imsInvite, "Require") || policy.used() && hasTag(imsInvite, "Supported");
    }

    /** RFC 3262 §3: a profile that requires 100rel refuses an INVITE that does not support it (421). */
    static boolean refused(SipServletRequest imsInvite, ExtensionPolicy policy) {
        return policy == ExtensionPolicy.REQUIRED && !hasTag(imsInvite, "Require") && !hasTag(imsInvite, "Supported");
    }

    static boolean hasTag(SipServletMessage m, String header) {
        return hasTag(m, header, OPTION_TAG);
    }

    /** Whether option tag {@code optionTag} is among the values of {@code header} (Require, Supported). */
    static boolean hasTag(SipServletMessage m, String header, String optionTag) {
        ListIterator<String> values = m.getHeaders(header);
        while (values.hasNext()) {
            for (String tag : values.next().split(",")) {
                if (tag.strip().equalsIgnoreCase(optionTag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
