package org.webims.interworking.call;

import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.ims.profile.Leg;
import org.webims.ims.profile.RecordingPolicy;
import org.webims.interworking.media.CallMedia;
import org.webims.interworking.media.MediaUnavailableException;

/**
 * Records the legs of an answered call that the carrier profile's recording element asks for,
 * each in its profiled format into the profiled folder, the file named by call and leg
 * ({@code <Call-ID>-web.webm}, {@code <Call-ID>-ims.mp4}). A recorder that cannot start leaves the
 * call going, unrecorded on that leg.
 */
final class CallRecording {
    private static final Logger LOG = LoggerFactory.getLogger(CallRecording.class);

    private CallRecording() {
    }

    static void start(CallMedia media, RecordingPolicy policy, String callId) {
        for (Leg leg : Leg.values()) {
            if (!policy.records(leg)) {
                continue;
            }
            Path file = policy.folder().orElseThrow().resolve(fileName(callId, leg, policy));
            try {
                media.record(leg, file, policy.format(leg));
            } catch (MediaUnavailableException e) {
                LOG.atWarn().addKeyValue("leg", leg).addKeyValue("file", file).addKeyValue("reason", e.getMessage())
                        .log("leg not recorded");
            }
        }
    }

    /** The file name of a leg's recording: the Call-ID made safe for a file system, the leg, the format. */
    static String fileName(String callId, Leg leg, RecordingPolicy policy) {
        return callId.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + leg.name().toLowerCase(Locale.ROOT) + "."
                + policy.format(leg).name().toLowerCase(Locale.ROOT);
    }
}
