package org.webims.testims.ua;

/**
 * How an {@link ImsUserAgent} behaves: whether it offers and uses 100rel (RFC 3262), whether it
 * answers incoming calls by itself (180, then 200), or refuses them with {@code rejectStatus},
 * whether it offers video, and whether it uses qos preconditions (RFC 3312) as a VoLTE UE does
 * (TS 24.229 §5.1.3.1, §6.1.2; they need 100rel, so they imply it).
 */
public record ImsUaOptions(boolean reliableProvisional, boolean autoAnswer, int rejectStatus, boolean video,
                           boolean preconditions) {

    /** Answers every call, no 100rel, no preconditions, audio only. */
    public static ImsUaOptions defaults() {
        return new ImsUaOptions(false, true, 0, false, false);
    }

    public ImsUaOptions withReliableProvisional(boolean value) {
        return new ImsUaOptions(value, autoAnswer, rejectStatus, video, preconditions);
    }

    public ImsUaOptions withAutoAnswer(boolean value) {
        return new ImsUaOptions(reliableProvisional, value, rejectStatus, video, preconditions);
    }

    public ImsUaOptions rejectingWith(int status) {
        return new ImsUaOptions(reliableProvisional, autoAnswer, status, video, preconditions);
    }

    public ImsUaOptions withVideo(boolean value) {
        return new ImsUaOptions(reliableProvisional, autoAnswer, rejectStatus, value, preconditions);
    }

    /** Qos preconditions on (RFC 3312), and with them 100rel (RFC 3262), which their 183 needs. */
    public ImsUaOptions withPreconditions(boolean value) {
        return new ImsUaOptions(reliableProvisional || value, autoAnswer, rejectStatus, video, value);
    }
}
