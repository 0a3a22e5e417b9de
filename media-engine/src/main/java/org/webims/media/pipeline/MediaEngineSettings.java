package org.webims.media.pipeline;

import java.time.Duration;

/**
 * Engine-wide limits and timings.
 *
 * @param flowTimeout how long a pad may go without a packet before it counts as not flowing
 *                    (and raises a flow event: the "no RTP for N seconds" of a dead stream)
 * @param flowCheckInterval how often pads are checked
 * @param maxPipelines pipelines alive at once; beyond it {@code createPipeline} is refused
 * @param maxElementsPerPipeline elements in one pipeline
 * @param keyframeCoalescingInterval how long after one viewer's key frame request passed up a source
 *                    pad the other viewers' requests are answered by it (decision 0069); zero passes all
 */
public record MediaEngineSettings(Duration flowTimeout, Duration flowCheckInterval,
                                  int maxPipelines, int maxElementsPerPipeline,
                                  Duration keyframeCoalescingInterval) {

    public MediaEngineSettings {
        if (flowTimeout.isNegative() || flowTimeout.isZero()) {
            throw new IllegalArgumentException("flowTimeout must be positive");
        }
        if (flowCheckInterval.isNegative() || flowCheckInterval.isZero()) {
            throw new IllegalArgumentException("flowCheckInterval must be positive");
        }
        if (keyframeCoalescingInterval.isNegative()) {
            throw new IllegalArgumentException("keyframeCoalescingInterval must not be negative");
        }
        if (maxPipelines < 1 || maxElementsPerPipeline < 1) {
            throw new IllegalArgumentException("limits must be at least 1");
        }
    }

    public static MediaEngineSettings defaults() {
        return new MediaEngineSettings(Duration.ofSeconds(2), Duration.ofMillis(250), 1000, 64,
                Duration.ofNanos(KeyframeCoalescer.DEFAULT_INTERVAL_NANOS));
    }

    public MediaEngineSettings withFlowTimeout(Duration timeout) {
        return new MediaEngineSettings(timeout, flowCheckInterval, maxPipelines, maxElementsPerPipeline,
                keyframeCoalescingInterval);
    }

    public MediaEngineSettings withMaxPipelines(int max) {
        return new MediaEngineSettings(flowTimeout, flowCheckInterval, max, maxElementsPerPipeline,
                keyframeCoalescingInterval);
    }

    public MediaEngineSettings withKeyframeCoalescingInterval(Duration interval) {
        return new MediaEngineSettings(flowTimeout, flowCheckInterval, maxPipelines, maxElementsPerPipeline, interval);
    }
}
