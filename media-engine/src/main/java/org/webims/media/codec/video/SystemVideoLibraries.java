package org.webims.media.codec.video;

import com.sun.jna.NativeLibrary;
import java.util.Map;

/**
 * Finds the distribution's video codec libraries, by the exact sonames Debian 12 installs (no
 * -dev symlinks exist on a runtime system): libvpx 1.12 (soname 7) and openh264 2.3.1 (soname 7).
 * The bindings' struct offsets are those releases' ABI; other sonames are not tried.
 */
public final class SystemVideoLibraries {

    public static final String LIBVPX = "/usr/lib/x86_64-linux-gnu/libvpx.so.7";
    public static final String OPENH264 = "/usr/lib/x86_64-linux-gnu/libopenh264.so.7";

    private static final Map<String, Object> OPTIONS = Map.of();

    private SystemVideoLibraries() {
    }

    /** True when both libraries load. */
    public static boolean available() {
        return Holder.PROBLEM == null;
    }

    /** Why the system back-end is unavailable, or null. */
    public static String problem() {
        return Holder.PROBLEM;
    }

    private static final class Holder {
        static final String PROBLEM = probe();

        private static String probe() {
            for (String path : new String[] {LIBVPX, OPENH264}) {
                try {
                    NativeLibrary.getInstance(path, OPTIONS);
                } catch (UnsatisfiedLinkError e) {
                    return path + ": " + e.getMessage();
                }
            }
            return null;
        }
    }
}
