package org.webims.media.transport;

import io.netty.channel.uring.IoUring;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How media sockets are read and written: io_uring where the kernel and Netty's native library
 * allow it (receives and sends of all sockets batched into one system call per loop pass), else
 * the JDK's selector with one system call per datagram (decision 0020). {@code -Dwebims.media.io=nio}
 * forces the selector, {@code io_uring} insists on the ring.
 */
public enum MediaIoKind {
    SELECTOR,
    IO_URING;

    private static final Logger LOG = LoggerFactory.getLogger(MediaIoKind.class);
    public static final String PROPERTY = "webims.media.io";
    private static volatile MediaIoKind chosen;

    /** The kind configured for this JVM; decided and logged once. */
    public static MediaIoKind configured() {
        MediaIoKind k = chosen;
        if (k == null) {
            synchronized (MediaIoKind.class) {
                k = chosen;
                if (k == null) {
                    k = decide(System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT));
                    chosen = k;
                }
            }
        }
        return k;
    }

    static MediaIoKind decide(String wanted) {
        switch (wanted) {
            case "nio", "selector" -> {
                LOG.atInfo().addKeyValue("media_io", "selector").addKeyValue("reason", PROPERTY + "=" + wanted)
                        .log("media I/O on the JDK selector");
                return SELECTOR;
            }
            case "auto", "io_uring", "uring" -> {
                Throwable cause = uringUnavailable();
                if (cause == null) {
                    LOG.atInfo().addKeyValue("media_io", "io_uring").log("media I/O on io_uring");
                    return IO_URING;
                }
                if (!wanted.equals("auto")) {
                    throw new IllegalStateException(PROPERTY + "=" + wanted + " but io_uring is unavailable", cause);
                }
                LOG.atInfo().addKeyValue("media_io", "selector").addKeyValue("reason", String.valueOf(cause))
                        .log("media I/O on the JDK selector: io_uring unavailable");
                return SELECTOR;
            }
            default -> throw new IllegalArgumentException(PROPERTY + " must be auto, nio or io_uring, was '" + wanted + "'");
        }
    }

    private static Throwable uringUnavailable() {
        try {
            if (!IoUring.isAvailable()) {
                return IoUring.unavailabilityCause();
            }
            return ChannelDescriptor.unavailabilityCause();
        } catch (LinkageError e) {
            return e;
        }
    }
}
