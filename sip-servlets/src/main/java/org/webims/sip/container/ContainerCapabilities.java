package org.webims.sip.container;

import java.util.List;

/**
 * What this server says it can do, in Allow, Accept and Supported (RFC 3261 §11.2, §20.5, §20.1,
 * §20.37). One list, used by OPTIONS answers and by 405 responses alike.
 */
public record ContainerCapabilities(List<String> allow, List<String> accept, List<String> supported) {
    public ContainerCapabilities {
        allow = List.copyOf(allow);
        accept = List.copyOf(accept);
        supported = List.copyOf(supported);
    }

    /** The methods, bodies and extensions the container handles itself (JSR 289 doXxx methods). */
    public static ContainerCapabilities defaults() {
        return new ContainerCapabilities(
                List.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "INFO", "UPDATE",
                        "PRACK", "MESSAGE", "SUBSCRIBE", "NOTIFY", "REFER"),
                List.of("application/sdp"),
                // RFC 3262 (100rel), RFC 4028 (timer), RFC 3311 (UPDATE has no option tag), RFC 5626 (outbound)
                List.of("100rel", "timer", "path", "outbound"));
    }

    public boolean allows(String method) {
        return allow.contains(method);
    }
}
