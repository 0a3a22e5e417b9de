package org.webims.interworking.call;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.webims.ims.profile.ExtensionPolicy;
import org.webims.interworking.ims.SessionPreconditions;
import org.webims.media.sdp.SdpParseException;

/** Preconditions (RFC 3312 §11, TS 24.229 §5.7) toward the IMS as the carrier profile's signalling policy says. */
final class PreconditionPolicy {
    private PreconditionPolicy() {
    }

    /** Announces preconditions on an INVITE toward the IMS: in Require when the profile requires them, else Supported. */
    static void announce(SipServletRequest imsInvite, ExtensionPolicy policy) {
        if (policy == ExtensionPolicy.REQUIRED) {
            imsInvite.addHeader("Require", SessionPreconditions.OPTION_TAG);
        } else if (policy == ExtensionPolicy.SUPPORTED) {
            imsInvite.addHeader("Supported", SessionPreconditions.OPTION_TAG);
        }
    }

    /** Whether an INVITE from the IMS is answered with preconditions: its offer has them and it or the profile wants them. */
    static boolean applies(SipServletRequest imsInvite, ExtensionPolicy policy, String offer) {
        boolean required = ReliableProvisionals.hasTag(imsInvite, "Require", SessionPreconditions.OPTION_TAG);
        boolean supported = ReliableProvisionals.hasTag(imsInvite, "Supported", SessionPreconditions.OPTION_TAG);
        return (required || supported && policy.used()) && SessionPreconditions.offered(offer);
    }

    /** RFC 3261 §8.2.2.3: an INVITE requiring preconditions from a profile that has none gets 420. */
    static boolean unsupported(SipServletRequest imsInvite, ExtensionPolicy policy) {
        return policy == ExtensionPolicy.NONE && ReliableProvisionals.hasTag(imsInvite, "Require", SessionPreconditions.OPTION_TAG);
    }

    /** RFC 3312 §11: a profile that requires preconditions refuses an INVITE that does not support them (421). */
    static boolean refused(SipServletRequest imsInvite, ExtensionPolicy policy) {
        return policy == ExtensionPolicy.REQUIRED
                && !ReliableProvisionals.hasTag(imsInvite, "Require", SessionPreconditions.OPTION_TAG)
                && !ReliableProvisionals.hasTag(imsInvite, "Supported", SessionPreconditions.OPTION_TAG);
    }

    /**
     * Answers an UPDATE from the IMS side that carries its qos status in the early dialog (RFC 3312
     * §5.1, RFC 3311 §5.2) with our description of the unchanged session and our present status;
     * returns the SDP sent, the base of the next one.
     */
    static String answerStatus(SipServletRequest update, SessionPreconditions preconditions, String ourLastSdp)
            throws IOException {
        String answer;
        try {
            answer = preconditions.nextVersionOf(ourLastSdp);
        } catch (SdpParseException e) {
            throw new IllegalStateException("our own SDP does not parse", e);
        }
        SipServletResponse ok = update.createResponse(SipServletResponse.SC_OK);
        ok.setContent(answer.getBytes(StandardCharsets.UTF_8), "application/sdp");
        ok.send();
        return answer;
    }
}
