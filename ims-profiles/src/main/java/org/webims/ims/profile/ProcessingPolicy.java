package org.webims.ims.profile;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The processing steps per leg, in the order the media passes them. */
public record ProcessingPolicy(Map<Leg, List<ProcessingStep>> steps) {

    public ProcessingPolicy {
        Map<Leg, List<ProcessingStep>> copy = new EnumMap<>(Leg.class);
        steps.forEach((leg, list) -> copy.put(leg, List.copyOf(list)));
        steps = Map.copyOf(copy);
    }

    public static ProcessingPolicy none() {
        return new ProcessingPolicy(Map.of());
    }

    public List<ProcessingStep> forLeg(Leg leg) {
        return steps.getOrDefault(leg, List.of());
    }
}
