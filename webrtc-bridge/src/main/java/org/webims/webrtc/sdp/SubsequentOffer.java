package org.webims.webrtc.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.webims.media.sdp.ExtMap;
import org.webims.media.sdp.GenericAttribute;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.SessionDescription;
import org.webims.media.sdp.negotiation.LocalTransport;
import org.webims.media.sdp.negotiation.MediaCapabilities;
import org.webims.media.sdp.negotiation.Offerer;

/**
 * Our offer in a session that is already negotiated, whoever offered first (RFC 8829 JSEP
 * §5.2.2): the session's m-lines in their order with their mids, a medium not yet in it (video
 * added to an audio call) after them with a new mid, and the header extension ids the session
 * already uses, a new extension getting an id neither side has used (RFC 8285 §6; one mapping
 * across the BUNDLE group, RFC 8843 §9.1.1: Chrome aborts on an id that changes its meaning).
 * An m-line of another medium (a data channel), or of a medium being dropped, stays where it is,
 * rejected (port 0, RFC 3264 §8.2; out of the BUNDLE group, RFC 8843 §7.3.3); a rejected m-line
 * that comes back gets a new mid (JSEP §5.2.2).
 */
final class SubsequentOffer {
    /** RFC 8285 §4.2: one-byte header ids run from 1 to 14. */
    private static final int LAST_ONE_BYTE_ID = 14;

    private SubsequentOffer() {
    }

    /**
     * @param local  our last description of the session (offer or answer)
     * @param remote the browser's last description of it
     * @param dropped the media ("audio", "video") this offer rejects
     */
    static List<MediaDescription> make(SessionDescription local, SessionDescription remote, MediaCapabilities audio,
            MediaCapabilities video, Set<String> dropped, Offerer offerer, LocalTransport transport) {
        List<MediaDescription> current = local.media();
        List<MediaCapabilities> streams = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<String> mids = new ArrayList<>();
        Set<String> usedMids = new HashSet<>();
        for (MediaDescription m : current) {
            m.mid().ifPresent(usedMids::add);
        }
        MediaDescription[] out = new MediaDescription[current.size() + 2];
        Set<String> present = new HashSet<>();
        for (int i = 0; i < current.size(); i++) {
            MediaDescription m = current.get(i);
            MediaCapabilities caps = capabilitiesFor(m.media(), audio, video);
            present.add(m.media());
            if (caps == null || dropped.contains(m.media())) {
                MediaDescription.Builder rejected = MediaDescription.builder(m.media(), 0, m.proto()).formats(m.formats());
                m.mid().ifPresent(mid -> rejected.attribute(new GenericAttribute("mid", mid)));
                out[i] = rejected.build();
                continue;
            }
            streams.add(caps);
            positions.add(i);
            mids.add(m.mid().filter(mid -> !m.isRejected()).orElseGet(() -> newMid(usedMids)));
        }
        int next = current.size();
        for (MediaCapabilities caps : List.of(audio, video)) {
            if (!present.contains(caps.media()) && !dropped.contains(caps.media())
                    && caps.direction() != org.webims.media.sdp.Direction.INACTIVE) {
                streams.add(caps);
                positions.add(next++);
                mids.add(newMid(usedMids));
            }
        }
        ExtensionIds ids = new ExtensionIds(local, remote);
        List<MediaDescription> made = offerer.createOffer(streams, transport);
        for (int s = 0; s < made.size(); s++) {
            MediaDescription m = made.get(s);
            MediaDescription.Builder b = m.toBuilder().removeAttributes(ExtMap.NAME);
            for (ExtMap e : m.extMaps()) {
                b.attribute(new ExtMap(ids.idOf(e.uri()), e.direction(), e.uri(), e.extensionAttributes()));
            }
            out[positions.get(s)] = b.attribute(new GenericAttribute("mid", mids.get(s))).build();
        }
        List<MediaDescription> result = new ArrayList<>(next);
        for (int i = 0; i < next; i++) {
            result.add(out[i]);
        }
        return result;
    }

    private static MediaCapabilities capabilitiesFor(String media, MediaCapabilities audio, MediaCapabilities video) {
        return switch (media) {
            case "audio" -> audio;
            case "video" -> video;
            default -> null;
        };
    }

    private static String newMid(Set<String> used) {
        for (int n = 0; ; n++) {
            if (used.add(Integer.toString(n))) {
                return Integer.toString(n);
            }
        }
    }

    /** The session's extension ids by URI, ours first; fresh ids for new URIs from those neither side used. */
    private static final class ExtensionIds {
        private final Map<String, Integer> byUri = new HashMap<>();
        private final Set<Integer> used = new HashSet<>();

        ExtensionIds(SessionDescription local, SessionDescription remote) {
            for (SessionDescription d : List.of(local, remote)) {
                for (MediaDescription m : d.media()) {
                    for (ExtMap e : m.extMaps()) {
                        byUri.putIfAbsent(e.uri(), e.id());
                        used.add(e.id());
                    }
                }
            }
        }

        int idOf(String uri) {
            Integer id = byUri.get(uri);
            if (id != null) {
                return id;
            }
            for (int candidate = 1; candidate <= LAST_ONE_BYTE_ID; candidate++) {
                if (used.add(candidate)) {
                    byUri.put(uri, candidate);
                    return candidate;
                }
            }
            throw new IllegalStateException("no one-byte header extension id left for " + uri);
        }
    }
}
