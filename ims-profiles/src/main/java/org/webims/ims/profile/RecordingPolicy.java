package org.webims.ims.profile;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.webims.media.recording.ContainerProfile;

/**
 * Which legs are recorded, in which file layout (web leg WebM or MKV, IMS leg MP4 or MKV) and into
 * which folder (an existing folder, absolute; empty when nothing is recorded).
 */
public record RecordingPolicy(Set<Leg> legs, ContainerProfile webFormat, ContainerProfile imsFormat,
        Optional<Path> folder) {

    public RecordingPolicy {
        legs = legs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(legs));
        Objects.requireNonNull(webFormat, "webFormat");
        Objects.requireNonNull(imsFormat, "imsFormat");
        Objects.requireNonNull(folder, "folder");
        if (!legs.isEmpty() && folder.isEmpty()) {
            throw new IllegalArgumentException("a recorded leg needs a folder");
        }
    }

    public static RecordingPolicy none() {
        return new RecordingPolicy(Set.of(), ContainerProfile.WEBM, ContainerProfile.MP4, Optional.empty());
    }

    public boolean records(Leg leg) {
        return legs.contains(leg);
    }

    public ContainerProfile format(Leg leg) {
        return leg == Leg.WEB ? webFormat : imsFormat;
    }
}
