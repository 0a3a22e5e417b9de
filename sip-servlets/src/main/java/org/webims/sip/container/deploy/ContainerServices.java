package org.webims.sip.container.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipSessionsUtil;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TimerService;

/**
 * What the container gives each application: the objects put in its ServletContext attributes
 * (JSR 289 §4.1.1: javax.servlet.sip.SipFactory, javax.servlet.sip.TimerService,
 * javax.servlet.sip.SipSessionsUtil, javax.servlet.sip.outboundInterfaces,
 * javax.servlet.sip.supported, javax.servlet.sip.supportedRfcs, javax.servlet.sip.100rel).
 * A null service is left out of the attributes; null lists are empty. {@code sharedAttributes} is
 * a live view of what the host process shares with every application (the gateway's media
 * control, say); an application's own attributes of the same name hide it.
 */
public record ContainerServices(SipFactory sipFactory, TimerService timerService, SipSessionsUtil sessionsUtil,
        List<SipURI> outboundInterfaces, List<String> supportedExtensions, Map<String, Object> sharedAttributes) {

    /** The RFC behind each option tag (RFC 3261 §19.2 names extensions by option tag). */
    private static final Map<String, String> RFC_OF_OPTION_TAG = Map.ofEntries(
            Map.entry("100rel", "3262"), Map.entry("timer", "4028"), Map.entry("replaces", "3891"),
            Map.entry("join", "3911"), Map.entry("path", "3327"), Map.entry("outbound", "5626"),
            Map.entry("gruu", "5627"), Map.entry("norefersub", "4488"), Map.entry("tdialog", "4538"),
            Map.entry("histinfo", "4244"), Map.entry("eventlist", "4662"), Map.entry("precondition", "3312"),
            Map.entry("pref", "3840"), Map.entry("sec-agree", "3329"), Map.entry("resource-priority", "4412"),
            Map.entry("from-change", "4916"), Map.entry("answermode", "5373"), Map.entry("199", "6228"));

    public ContainerServices {
        outboundInterfaces = outboundInterfaces == null ? List.of() : List.copyOf(outboundInterfaces);
        supportedExtensions = supportedExtensions == null ? List.of() : List.copyOf(supportedExtensions);
        sharedAttributes = sharedAttributes == null ? Map.of() : sharedAttributes;
    }

    /** Services with nothing shared by the host process. */
    public ContainerServices(SipFactory sipFactory, TimerService timerService, SipSessionsUtil sessionsUtil,
            List<SipURI> outboundInterfaces, List<String> supportedExtensions) {
        this(sipFactory, timerService, sessionsUtil, outboundInterfaces,
                supportedExtensions, Map.of());
    }

    /**
     * The RFCs behind {@link #supportedExtensions()}, after RFC 3261 itself (JSR 289 §4.1.1
     * supportedRfcs); extensions with no option tag (UPDATE, MESSAGE...) are not derivable here.
     */
    public List<String> supportedRfcs() {
        List<String> rfcs = new ArrayList<>();
        rfcs.add("3261");
        for (String tag : supportedExtensions) {
            String rfc = RFC_OF_OPTION_TAG.get(tag);
            if (rfc != null && !rfcs.contains(rfc)) {
                rfcs.add(rfc);
            }
        }
        return List.copyOf(rfcs);
    }

    /** JSR 289 §4.1.1: javax.servlet.sip.100rel is present when reliable provisional responses are supported. */
    public boolean reliableProvisionalResponses() {
        return supportedExtensions.contains("100rel");
    }
}
