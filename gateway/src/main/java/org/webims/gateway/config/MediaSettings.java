package org.webims.gateway.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.webims.media.node.MediaInterface;
import org.webims.media.node.MediaNodeSettings;
import org.webims.media.node.WebInterfaceList;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.transport.PortRange;

/** Reads the {@code media.*} keys of conf/gateway.conf into the media node's settings. */
final class MediaSettings {

    private MediaSettings() {
    }

    static MediaNodeSettings from(ConfigValues values) throws ConfigException {
        MediaInterface shared = new MediaInterface(values.ipAddress("media.bind-address", false),
                values.ipAddress("media.public-address", true));
        List<MediaInterface> web = webSide(values, shared);
        MediaInterface ims = side(values, shared, "media.ims.");
        int[] range = values.rangeIn("media.ports", 1024, 65535);
        if (range[1] - range[0] < 3) {
            throw values.get("media.ports").error("needs at least 4 ports (two RTP/RTCP pairs)");
        }
        int io = values.intIn("media.io-threads", 0, 64);
        if (io == 0) {
            io = Runtime.getRuntime().availableProcessors();
        }
        int maxPipelines = values.intIn("media.max-pipelines", 1, 100_000);
        int flowSeconds = values.intIn("media.flow-timeout-seconds", 1, 3600);
        int coalescingMillis = values.intIn("media.keyframe-coalescing-millis", 0, 10_000);
        MediaEngineSettings engine = MediaEngineSettings.defaults()
                .withFlowTimeout(Duration.ofSeconds(flowSeconds)).withMaxPipelines(maxPipelines)
                .withKeyframeCoalescingInterval(Duration.ofMillis(coalescingMillis));
        return new MediaNodeSettings(web, ims, new PortRange(range[0], range[1]), io, 1 << 20, engine);
    }

    /**
     * The web side: media.web.bind-address as a list of {@code addr[=public]} (one socket and host
     * candidate each), media.web.public-address the first entry's public address; both empty: the shared one.
     */
    private static List<MediaInterface> webSide(ConfigValues values, MediaInterface shared) throws ConfigException {
        InetAddress nat = values.ipAddress("media.web.public-address", true);
        ConfigValue listed = values.get("media.web.bind-address");
        try {
            return WebInterfaceList.resolve(shared, listed.text().isEmpty() ? null : listed.text(), nat,
                    "media.web.public-address");
        } catch (IllegalArgumentException e) {
            throw listed.error(e.getMessage());
        }
    }

    /** One side's interface ({@code prefix} media.web. or media.ims.), its empty keys taken from the shared ones. */
    private static MediaInterface side(ConfigValues values, MediaInterface shared, String prefix)
            throws ConfigException {
        return MediaInterface.side(shared, values.ipAddress(prefix + "bind-address", true),
                values.ipAddress(prefix + "public-address", true));
    }
}
