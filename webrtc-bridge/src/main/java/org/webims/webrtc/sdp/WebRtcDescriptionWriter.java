package org.webims.webrtc.sdp;

import java.util.ArrayList;
import java.util.List;
import org.webims.media.sdp.Candidate;
import org.webims.media.sdp.Direction;
import org.webims.media.sdp.Fingerprint;
import org.webims.media.sdp.GenericAttribute;
import org.webims.media.sdp.Group;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.bandwidth.ReceiveBandwidth;
import org.webims.media.sdp.bandwidth.SdpBandwidths;
import org.webims.media.sdp.Msid;
import org.webims.media.sdp.Origin;
import org.webims.media.sdp.SdpAttribute;
import org.webims.media.sdp.SdpParseException;
import org.webims.media.sdp.SessionDescription;
import org.webims.media.sdp.Setup;
import org.webims.media.sdp.Ssrc;
import org.webims.media.sdp.SsrcGroup;
import org.webims.webrtc.ice.IceCandidate;
import org.webims.webrtc.ice.IceCredentials;

/**
 * Turns the media sections the engine's Offerer/Answerer made into a WebRTC description:
 * a=ice-lite (RFC 8839 §5.3), BUNDLE of the accepted mids (RFC 9143), and in each accepted
 * section our ICE credentials, host candidates, fingerprint and setup role (RFC 8842), and the
 * msid and ssrc lines of what we send (RFC 8830, RFC 5576; FID group for rtx, RFC 4588 §8).
 */
public final class WebRtcDescriptionWriter {

    private final LocalIdentity identity;
    private final String fingerprint;
    /** The b= lines of what we write next (Kurento's maxVideoRecvBandwidth); none by default. */
    private volatile SdpBandwidths bandwidths = SdpBandwidths.NONE_WRITTEN;

    /** {@code fingerprint} as {@code DtlsCertificate.fingerprint()} gives it: {@code "sha-256 AB:..."}. */
    public WebRtcDescriptionWriter(LocalIdentity identity, String fingerprint) {
        this.identity = identity;
        this.fingerprint = fingerprint;
    }

    public void bandwidths(SdpBandwidths value) {
        bandwidths = java.util.Objects.requireNonNull(value, "bandwidths");
    }

    public SdpBandwidths bandwidths() {
        return bandwidths;
    }

    public SessionDescription write(Origin origin, List<MediaDescription> media, IceCredentials ice,
            List<IceCandidate> candidates, Setup setup) {
        Fingerprint fp;
        List<Candidate> typed = new ArrayList<>();
        try {
            String[] parts = fingerprint.split(" ", 2);
            fp = new Fingerprint(parts[0], parts[1]);
            for (IceCandidate c : candidates) {
                typed.add(Candidate.parse(c.toSdp()));
            }
        } catch (SdpParseException | RuntimeException e) {
            throw new IllegalStateException("our own candidate or fingerprint does not parse", e);
        }
        SessionDescription.Builder b = SessionDescription.builder(origin);
        b.attribute(SdpAttribute.flag("ice-lite"));
        List<String> mids = new ArrayList<>();
        for (MediaDescription m : media) {
            if (!m.isRejected()) {
                m.mid().ifPresent(mids::add);
            }
        }
        if (!mids.isEmpty()) {
            b.attribute(new Group(Group.BUNDLE, mids));
        }
        b.attribute(new GenericAttribute("msid-semantic", "WMS " + identity.streamId()));
        for (MediaDescription m : media) {
            b.media(m.isRejected() ? m : decorate(m, ice, typed, fp, setup));
        }
        return b.build();
    }

    private MediaDescription decorate(MediaDescription m, IceCredentials ice, List<Candidate> candidates,
            Fingerprint fp, Setup setup) {
        // RFC 8866 §5.8, RFC 3890: what we take; a browser holds what it sends under it (IPv4 headers counted)
        MediaDescription.Builder b = ReceiveBandwidth.described(m, bandwidths, false).toBuilder();
        b.attribute(new GenericAttribute("ice-ufrag", ice.ufrag()));
        b.attribute(new GenericAttribute("ice-pwd", ice.password()));
        b.attribute(fp);
        b.attribute(setup.toAttribute());
        candidates.forEach(b::attribute);
        Direction direction = m.direction().orElse(Direction.SENDRECV);
        if (direction.sends()) {
            boolean video = "video".equals(m.media());
            long ssrc = Integer.toUnsignedLong(video ? identity.videoSsrc() : identity.audioSsrc());
            String track = identity.trackId(m.media());
            b.attribute(new Msid(identity.streamId(), track));
            boolean rtx = video && m.rtpMaps().stream().anyMatch(r -> r.encodingName().equalsIgnoreCase("rtx"));
            long rtxSsrc = Integer.toUnsignedLong(identity.videoRtxSsrc());
            if (rtx) {
                b.attribute(new SsrcGroup("FID", List.of(ssrc, rtxSsrc)));
            }
            addSsrc(b, ssrc, track);
            if (rtx) {
                addSsrc(b, rtxSsrc, track);
            }
        }
        return b.build();
    }

    private void addSsrc(MediaDescription.Builder b, long ssrc, String track) {
        b.attribute(new Ssrc(ssrc, "cname", identity.cname()));
        b.attribute(new Ssrc(ssrc, "msid", identity.streamId() + " " + track));
    }
}
