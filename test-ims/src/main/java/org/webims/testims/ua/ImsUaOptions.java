package org.webims.testims.ua;

/**
 * How an {@link ImsUserAgent} behaves: whether it offers and uses 100rel (RFC 3262), whether it
 * answers incoming calls by itself (180, then 200), or refuses them with {@code rejectStatus}.
 */
public record ImsUaOptions(boolean reliableProvisional, boolean autoAnswer, int rejectStatus, boolean video) {

    /** Answers every call, no 100rel, audio only. */
    public static ImsUaOptions defaults() {
        return new ImsUaOptions(false, true, 0, false);
    }

    public ImsUaOptions withReliableProvisional(boolean value) {
        return new ImsUaOptions(value, autoAnswer, rejectStatus, video);
    }

    public ImsUaOptions withAutoAnswer(boolean value) {
        return new ImsUaOptions(reliableProvisional, value, rejectStatus, video);
    }

    public ImsUaOptions rejectingWith(int status) {
        return new ImsUaOptions(reliableProvisional, autoAnswer, status, video);
    }

    public ImsUaOptions withVideo(boolean value) {
        return new ImsUaOptions(reliableProvisional, autoAnswer, rejectStatus, value);
    }
}
