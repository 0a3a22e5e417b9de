package org.webims.media.transport;

import java.lang.reflect.Field;
import java.nio.channels.DatagramChannel;

/**
 * The kernel descriptor of a JDK datagram channel, for submitting its receives and sends to
 * io_uring while the channel keeps owning (binding, closing) the socket. The JDK has no public
 * accessor; its channel keeps the number in a final field {@code fdVal}, read here once per
 * channel through {@code sun.misc.Unsafe} (module jdk.unsupported). When that field is not
 * there (another JDK), io_uring is reported unavailable and the selector is used.
 */
final class ChannelDescriptor {

    private static final sun.misc.Unsafe UNSAFE;
    private static final long FD_OFFSET;
    private static final Class<?> IMPL;
    private static final Throwable FAILURE;

    static {
        sun.misc.Unsafe unsafe = null;
        long offset = -1;
        Class<?> impl = null;
        Throwable failure = null;
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            unsafe = (sun.misc.Unsafe) f.get(null);
            try (DatagramChannel probe = DatagramChannel.open()) {
                impl = probe.getClass();
                Field fd = impl.getDeclaredField("fdVal");
                if (fd.getType() != int.class) {
                    throw new NoSuchFieldException("fdVal is not an int");
                }
                offset = unsafe.objectFieldOffset(fd);
            }
        } catch (Exception | LinkageError e) {
            failure = e;
        }
        UNSAFE = unsafe;
        FD_OFFSET = offset;
        IMPL = impl;
        FAILURE = failure;
    }

    private ChannelDescriptor() {
    }

    /** Null when descriptors can be read. */
    static Throwable unavailabilityCause() {
        return FAILURE;
    }

    static int of(DatagramChannel channel) {
        if (FAILURE != null || channel.getClass() != IMPL) {
            throw new IllegalStateException("no descriptor for " + channel.getClass().getName(), FAILURE);
        }
        return UNSAFE.getInt(channel, FD_OFFSET);
    }
}
