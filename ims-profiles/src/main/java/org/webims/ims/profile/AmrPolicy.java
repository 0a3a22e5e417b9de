package org.webims.ims.profile;

import java.util.List;

/** An AMR or AMR-WB codec as offered: the mode-set (RFC 4867 §8.1; empty: every mode). */
public record AmrPolicy(List<Integer> modeSet) {

    public AmrPolicy {
        modeSet = List.copyOf(modeSet);
    }

    public static AmrPolicy allModes() {
        return new AmrPolicy(List.of());
    }
}
