package org.webims.media.kurento.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.webims.media.filter.AudioLevelEvent;
import org.webims.media.filter.AudioLevelMeter;
import org.webims.media.filter.VoiceActivityEvent;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.kurento.rpc.RpcException;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.event.MediaEvent;

/**
 * Our {@link AudioLevelMeter} as a Kurento filter (Kurento has no such class; clients reach it
 * with {@code GenericMediaElement}). Constructor parameters, all optional:
 * {@code thresholdDbov} (-50), {@code hangoverMillis} (400), {@code intervalMillis} (1000).
 * Events: {@code AudioLevel} (rmsDbov, peakDbov, speaking), {@code VoiceActivity} (speaking, frameDbov).
 */
public final class AudioLevelMeterType extends ElementType<AudioLevelMeter> {

    public AudioLevelMeterType() {
        super("AudioLevelMeter", AudioLevelMeter.class, List.of("kurento.Filter"), Set.of("AudioLevel", "VoiceActivity"));
    }

    @Override
    protected AudioLevelMeter create(MediaPipeline pipeline, Params params) throws RpcException {
        double threshold = params.optionalNumber("thresholdDbov", -50);
        int hangover = params.optionalInt("hangoverMillis", 400);
        int interval = params.optionalInt("intervalMillis", 1000);
        if (threshold > 0 || threshold < -127 || hangover < 0 || interval < 10) {
            throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
                    "create AudioLevelMeter: thresholdDbov must be in [-127, 0], hangoverMillis >= 0, intervalMillis >= 10");
        }
        return new AudioLevelMeter(pipeline, threshold, Duration.ofMillis(hangover), Duration.ofMillis(interval));
    }

    @Override
    public boolean writeEventFields(MediaEvent event, ObjectNode data) {
        if (event instanceof AudioLevelEvent level) {
            data.put("rmsDbov", level.rmsDbov());
            data.put("peakDbov", level.peakDbov());
            data.put("speaking", level.speaking());
            return true;
        }
        if (event instanceof VoiceActivityEvent voice) {
            data.put("speaking", voice.speaking());
            data.put("frameDbov", voice.frameDbov());
            return true;
        }
        return false;
    }
}
