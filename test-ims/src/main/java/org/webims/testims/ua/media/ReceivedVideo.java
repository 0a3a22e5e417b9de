package org.webims.testims.ua.media;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Pictures a UA decoded from the video it received, counted by size ("640x480"). */
public final class ReceivedVideo {
    private final Map<String, AtomicLong> pictures = new ConcurrentHashMap<>();
    private final AtomicLong keyframeRequests = new AtomicLong();

    void picture(int width, int height) {
        pictures.computeIfAbsent(width + "x" + height, k -> new AtomicLong()).incrementAndGet();
    }

    void keyframeRequested() {
        keyframeRequests.incrementAndGet();
    }

    /** Decoded pictures by size. */
    public Map<String, Long> picturesBySize() {
        Map<String, Long> out = new java.util.TreeMap<>();
        pictures.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public long pictures() {
        return pictures.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Picture loss indications sent (RFC 4585 §6.3.1) because the decoder lacked a key frame. */
    public long keyframeRequests() {
        return keyframeRequests.get();
    }
}
