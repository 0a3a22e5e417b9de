package org.webims.ims.profile;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.recording.ContainerProfile;
import org.webims.media.sdp.bandwidth.SdpBandwidths;
import org.webims.media.sdp.negotiation.H264ProfileLevelId;

/**
 * Reads a carrier profile: validates it against carrier-profile.xsd, then checks what the schema
 * cannot (URIs parsed by the SIP parser, AMR modes in range, H.264 Constrained Baseline, header
 * names and values, timer bounds, files and folders that exist) and builds the
 * {@link CarrierProfile}. Every refusal names file, line, column and the fault. Thread-safe.
 */
public final class CarrierProfileReader {

    private static final Logger LOG = LoggerFactory.getLogger(CarrierProfileReader.class);

    /** RFC 4867 §8.1: AMR-WB modes 0..8, AMR modes 0..7 (SID and NO_DATA are not modes). */
    static final int AMR_WB_HIGHEST_MODE = 8;
    static final int AMR_HIGHEST_MODE = 7;

    private final AddressFactory addresses;
    private final HeaderFactory headers;

    public CarrierProfileReader() {
        try {
            SipFactory sip = SipFactory.getInstance();
            this.addresses = sip.createAddressFactory();
            this.headers = sip.createHeaderFactory();
        } catch (PeerUnavailableException e) {
            throw new IllegalStateException("JAIN-SIP is not on the class path", e);
        }
    }

    public CarrierProfile read(Path file) throws ProfileException {
        String shown = file.toString();
        XmlNode root = ValidatingXmlReader.read(file, shown);
        Path base = file.toAbsolutePath().getParent();
        CarrierProfile profile = new Build(shown, base).profile(root);
        LOG.atDebug().addKeyValue("file", shown).addKeyValue("profile", profile.name()).log("carrier profile read");
        return profile;
    }

    /** AMR-WB 6.60: 4 + 6 + 132 bits in 18 bytes, with 40 bytes of IPv4/UDP/RTP, 50 a second: 23.2 kbit/s. */
    static final int LOWEST_AMR_WB_KBPS = 24;

    /** One read: the file name for messages and the folder relative paths resolve against. */
    private final class Build {
        private final String file;
        private final Path base;

        Build(String file, Path base) {
            this.file = file;
            this.base = base;
        }

        private ProfileException fault(XmlNode at, String reason) {
            return new ProfileException(file, at, reason);
        }

        CarrierProfile profile(XmlNode root) throws ProfileException {
            XmlNode networkNode = root.required("network");
            NetworkAddresses network = network(networkNode);
            SignallingPolicy signalling = signalling(root.required("signalling"));
            return new CarrierProfile(root.attr("name"), file, network, identity(root.required("identity-mapping")),
                    media(root.required("media")), headerPolicy(root.child("headers")),
                    privacy(root.required("privacy")), signalling, webAccess(root.required("web-access")),
                    recording(root.child("recording")), processing(root.child("processing")));
        }

        NetworkAddresses network(XmlNode n) throws ProfileException {
            String scscf = sipUri(n.required("s-cscf"), "S-CSCF");
            List<String> pcscfs = new ArrayList<>();
            for (XmlNode p : n.all("p-cscf")) {
                pcscfs.add(sipUri(p, "P-CSCF"));
            }
            String as = sipUri(n.required("as-uri"), "AS");
            String domain = n.attr("domain").toLowerCase(Locale.ROOT);
            return new NetworkAddresses(domain, scscf, pcscfs, as, n.attribute("orig-ioi").orElse(domain));
        }

        private String sipUri(XmlNode n, String what) throws ProfileException {
            String text = n.text();
            if (!isUri(text, true)) {
                throw fault(n, "the " + what + " address '" + text + "' is not a SIP URI (sip: or sips:, RFC 3261 §19.1)");
            }
            return text;
        }

        private boolean isUri(String text, boolean sipOnly) {
            try {
                javax.sip.address.URI uri = addresses.createURI(text);
                return sipOnly ? uri.isSipURI() : uri.isSipURI() || "tel".equalsIgnoreCase(uri.getScheme());
            } catch (ParseException | RuntimeException e) {
                return false;
            }
        }

        IdentityMapping identity(XmlNode n) throws ProfileException {
            List<IdentityRule> rules = new ArrayList<>();
            for (XmlNode m : n.all("map")) {
                String web = m.attr("web");
                String ims = m.attr("ims");
                if (!web.toLowerCase(Locale.ROOT).startsWith("sip:") && !web.toLowerCase(Locale.ROOT).startsWith("sips:")) {
                    throw fault(m, "web identity pattern '" + web + "' must be a sip: or sips: URI pattern");
                }
                IdentityRule rule;
                try {
                    rule = IdentityRule.of(web, ims);
                } catch (IllegalArgumentException e) {
                    throw fault(m, e.getMessage());
                }
                if (!isUri(rule.sample("1"), false)) {
                    throw fault(m, "IMPU template '" + ims + "' does not make a sip:, sips: or tel: URI");
                }
                rules.add(rule);
            }
            Optional<String> def = Optional.empty();
            Optional<XmlNode> d = n.child("default");
            if (d.isPresent()) {
                String impu = d.get().attr("ims");
                if (!isUri(impu, false)) {
                    throw fault(d.get(), "default IMPU '" + impu + "' is not a sip:, sips: or tel: URI");
                }
                def = Optional.of(impu);
            }
            return new IdentityMapping(rules, def);
        }

        MediaPolicy media(XmlNode n) throws ProfileException {
            XmlNode audio = n.required("audio");
            AmrPolicy amrWb = amr(audio.required("amr-wb"), "AMR-WB", AMR_WB_HIGHEST_MODE);
            Optional<AmrPolicy> amr = Optional.empty();
            if (audio.child("amr").isPresent()) {
                amr = Optional.of(amr(audio.required("amr"), "AMR", AMR_HIGHEST_MODE));
            }
            Optional<H264ProfileLevelId> h264 = Optional.empty();
            Optional<XmlNode> video = n.child("video");
            if (video.isPresent()) {
                String plid = video.get().attr("h264-profile-level-id");
                Optional<H264ProfileLevelId> parsed = H264ProfileLevelId.parse(plid);
                if (parsed.isEmpty() || !parsed.get().isConstrainedBaseline()) {
                    throw fault(video.get(), "h264-profile-level-id '" + plid
                            + "' is not H.264 Constrained Baseline (TS 26.114 §5.2.2, RFC 6184 Table 5)");
                }
                h264 = parsed;
            }
            return new MediaPolicy(n.attr("transport"), amrWb, amr,
                    Boolean.parseBoolean(audio.attr("telephone-event-8000")), h264, bandwidths(n, audio, video));
        }

        /**
         * TS 26.114 §6.2.5's b= lines as the profile sets them over {@link SdpBandwidths#mtsi}: audio b=AS
         * at least AMR-WB 6.60 kbit/s in one IPv4 packet every 20 ms (else no speech fits), video and
         * RTCP as given.
         */
        private SdpBandwidths bandwidths(XmlNode media, XmlNode audio, Optional<XmlNode> video) throws ProfileException {
            SdpBandwidths b = SdpBandwidths.mtsi(SdpBandwidths.MTSI_VIDEO_KBPS);
            Optional<String> audioAs = audio.attribute("bandwidth-as");
            if (audioAs.isPresent()) {
                int kbps = kbps(audio, "bandwidth-as", audioAs.get());
                if (kbps < LOWEST_AMR_WB_KBPS) {
                    throw fault(audio, "bandwidth-as " + kbps + " kbit/s is below AMR-WB 6.60 kbit/s with IPv4/UDP/RTP"
                            + " headers, " + LOWEST_AMR_WB_KBPS + " kbit/s (TS 26.114 Annex K): no speech would fit");
                }
                b = b.withMaxAudioRecvKbps(kbps);
            }
            if (video.isPresent() && video.get().attribute("bandwidth-as").isPresent()) {
                b = b.withMaxVideoRecvKbps(kbps(video.get(), "bandwidth-as", video.get().attr("bandwidth-as")));
            }
            long rs = media.attribute("rtcp-rs").isPresent() ? kbps(media, "rtcp-rs", media.attr("rtcp-rs"))
                    : SdpBandwidths.RFC3556_SHARE;
            long rr = media.attribute("rtcp-rr").isPresent() ? kbps(media, "rtcp-rr", media.attr("rtcp-rr"))
                    : SdpBandwidths.RFC3556_SHARE;
            return b.withRtcp(rs, rr);
        }

        private int kbps(XmlNode n, String attribute, String v) throws ProfileException {
            if (v.length() > 7) {
                throw fault(n, attribute + " " + v + " is out of range (at most 9999999)");
            }
            return Integer.parseInt(v);
        }

        private AmrPolicy amr(XmlNode n, String codec, int highest) throws ProfileException {
            Optional<String> modeSet = n.attribute("mode-set");
            if (modeSet.isEmpty()) {
                return AmrPolicy.allModes();
            }
            List<Integer> modes = new ArrayList<>();
            for (String m : modeSet.get().split(",")) {
                int mode = m.length() > 2 ? Integer.MAX_VALUE : Integer.parseInt(m);
                if (mode > highest) {
                    throw fault(n, codec + " mode " + m + " is outside 0.." + highest + " (RFC 4867 §8.1)");
                }
                if (modes.contains(mode)) {
                    throw fault(n, codec + " mode " + m + " is listed twice");
                }
                modes.add(mode);
            }
            modes.sort(null);
            return new AmrPolicy(modes);
        }

        HeaderPolicy headerPolicy(Optional<XmlNode> node) throws ProfileException {
            if (node.isEmpty()) {
                return HeaderPolicy.none();
            }
            XmlNode n = node.get();
            Optional<String> pani = Optional.empty();
            Optional<XmlNode> p = n.child("p-access-network-info");
            if (p.isPresent()) {
                pani = Optional.of(headerValue(p.get(), "P-Access-Network-Info", p.get().attr("value")));
            }
            return new HeaderPolicy(pani, n.child("p-served-user").isPresent(), edits(n.child("to-ims")),
                    edits(n.child("to-web")));
        }

        private HeaderEdits edits(Optional<XmlNode> node) throws ProfileException {
            if (node.isEmpty()) {
                return HeaderEdits.none();
            }
            List<HeaderEdits.Added> add = new ArrayList<>();
            for (XmlNode a : node.get().all("add")) {
                String name = a.attr("name");
                if (SystemHeaders.isSystemHeader(name)) {
                    throw fault(a, "cannot add " + name + ": a system header the container manages (JSR 289 §5.4.2)");
                }
                add.add(new HeaderEdits.Added(name, headerValue(a, name, a.attr("value"))));
            }
            List<String> strip = new ArrayList<>();
            for (XmlNode s : node.get().all("strip")) {
                String name = s.attr("name");
                if (SystemHeaders.isSystemHeader(name)) {
                    throw fault(s, "cannot strip " + name + ": a system header the container manages (JSR 289 §5.4.2)");
                }
                strip.add(name);
            }
            return new HeaderEdits(add, strip);
        }

        private String headerValue(XmlNode at, String name, String value) throws ProfileException {
            try {
                headers.createHeader(name, value);
                return value;
            } catch (ParseException | RuntimeException e) {
                throw fault(at, "'" + value + "' is not a valid " + name + " value: " + firstLine(e.getMessage()));
            }
        }

        PrivacyPolicy privacy(XmlNode n) {
            Set<PrivacyValue> honoured = EnumSet.noneOf(PrivacyValue.class);
            for (String token : n.attr("honour").trim().split("\\s+")) {
                PrivacyValue.of(token).ifPresent(honoured::add);
            }
            return new PrivacyPolicy(Boolean.parseBoolean(n.attr("trusted-network")), honoured);
        }

        SignallingPolicy signalling(XmlNode n) throws ProfileException {
            ExtensionPolicy rel = extension(n.required("reliable-provisional"));
            XmlNode pre = n.required("preconditions");
            ExtensionPolicy preconditions = extension(pre);
            if (preconditions.used() && !rel.used()) {
                // RFC 3312 §11, TS 24.229 §5.1.3.1: the answers that carry precondition status travel in reliable provisional responses
                throw fault(pre, "preconditions need reliable provisional responses: set reliable-provisional to "
                        + "supported or required");
            }
            XmlNode t = n.required("session-timer");
            int interval = seconds(t, "interval");
            int minSe = seconds(t, "min-se");
            if (minSe < SessionTimerPolicy.LOWEST_MIN_SE) {
                throw fault(t, "min-se " + minSe + " is below 90 seconds (RFC 4028 §4)");
            }
            if (interval < minSe) {
                throw fault(t, "interval " + interval + " is below min-se " + minSe + " (RFC 4028 §4)");
            }
            SessionTimerPolicy.Refresher refresher = SessionTimerPolicy.Refresher.valueOf(
                    t.attr("refresher").toUpperCase(Locale.ROOT));
            return new SignallingPolicy(rel, preconditions, new SessionTimerPolicy(interval, minSe, refresher));
        }

        private ExtensionPolicy extension(XmlNode n) {
            return ExtensionPolicy.valueOf(n.text().toUpperCase(Locale.ROOT));
        }

        private int seconds(XmlNode n, String attribute) throws ProfileException {
            String v = n.attr(attribute);
            if (v.length() > 9) {
                throw fault(n, attribute + " " + v + " seconds is out of range");
            }
            return Integer.parseInt(v);
        }

        WebAccessPolicy webAccess(XmlNode n) throws ProfileException {
            WebAuthentication auth;
            Optional<XmlNode> digest = n.child("digest");
            if (digest.isPresent()) {
                auth = new WebAuthentication.Digest(digest.get().attr("realm"),
                        Duration.ofSeconds(seconds(digest.get(), "nonce-lifetime")));
            } else {
                XmlNode b = n.required("bearer");
                String issuer = b.attr("issuer");
                if (!isAbsoluteUri(issuer)) {
                    throw fault(b, "bearer issuer '" + issuer + "' is not an absolute URI (RFC 8898 §3)");
                }
                Path key = base.resolve(b.attr("key-file")).normalize();
                if (!Files.isRegularFile(key) || !Files.isReadable(key)) {
                    throw fault(b, "bearer key file " + key + " does not exist or cannot be read");
                }
                checkBearerKey(b, key);
                auth = new WebAuthentication.Bearer(issuer, key, b.attribute("audience"));
            }
            List<String> origins = new ArrayList<>();
            for (XmlNode o : n.all("allowed-origin")) {
                origins.add(origin(o));
            }
            return new WebAccessPolicy(auth, origins);
        }

        /** The bearer key file holds a key tokens can be checked with: a shared secret or a PEM public key. */
        private void checkBearerKey(XmlNode at, Path key) throws ProfileException {
            try {
                BearerKey.read(key);
            } catch (BearerKey.InvalidKeyFile e) {
                throw fault(at, e.getMessage());
            }
        }

        /** RFC 6454 §6.1: an origin is scheme://host[:port], nothing more. */
        private String origin(XmlNode n) throws ProfileException {
            String text = n.text();
            try {
                URI u = new URI(text);
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                boolean bare = (u.getRawPath() == null || u.getRawPath().isEmpty()) && u.getRawQuery() == null
                        && u.getRawFragment() == null && u.getRawUserInfo() == null;
                if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null && bare) {
                    return text;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            throw fault(n, "allowed-origin '" + text + "' is not an origin (http or https://host[:port], RFC 6454 §6.1)");
        }

        private static boolean isAbsoluteUri(String text) {
            try {
                return new URI(text).isAbsolute();
            } catch (URISyntaxException e) {
                return false;
            }
        }

        RecordingPolicy recording(Optional<XmlNode> node) throws ProfileException {
            if (node.isEmpty()) {
                return RecordingPolicy.none();
            }
            XmlNode n = node.get();
            Set<Leg> legs = switch (n.attr("legs")) {
                case "web" -> EnumSet.of(Leg.WEB);
                case "ims" -> EnumSet.of(Leg.IMS);
                case "both" -> EnumSet.of(Leg.WEB, Leg.IMS);
                default -> EnumSet.noneOf(Leg.class);
            };
            ContainerProfile web = ContainerProfile.valueOf(n.attr("web-format").toUpperCase(Locale.ROOT));
            ContainerProfile ims = ContainerProfile.valueOf(n.attr("ims-format").toUpperCase(Locale.ROOT));
            Optional<Path> folder = Optional.empty();
            if (!legs.isEmpty()) {
                String f = n.attribute("folder").orElseThrow(() -> fault(n, "recording legs=\"" + n.attr("legs")
                        + "\" needs a folder"));
                Path p = base.resolve(f).normalize();
                if (!Files.isDirectory(p)) {
                    throw fault(n, "recording folder " + p + " does not exist");
                }
                if (!Files.isWritable(p)) {
                    throw fault(n, "recording folder " + p + " is not writable");
                }
                folder = Optional.of(p);
            }
            return new RecordingPolicy(legs, web, ims, folder);
        }

        ProcessingPolicy processing(Optional<XmlNode> node) {
            if (node.isEmpty()) {
                return ProcessingPolicy.none();
            }
            Map<Leg, List<ProcessingStep>> steps = new EnumMap<>(Leg.class);
            for (Leg leg : Leg.values()) {
                node.get().child(leg.name().toLowerCase(Locale.ROOT)).ifPresent(l -> {
                    List<ProcessingStep> list = new ArrayList<>();
                    for (XmlNode s : l.children()) {
                        list.add(switch (s.name()) {
                            case "audio-level-meter" -> new ProcessingStep.AudioLevelMeter(
                                    Double.parseDouble(s.attr("threshold-dbov")));
                            case "overlay-text" -> new ProcessingStep.OverlayText(s.attr("text"),
                                    Double.parseDouble(s.attr("x")), Double.parseDouble(s.attr("y")),
                                    Integer.parseInt(s.attr("height")));
                            default -> throw new IllegalStateException("schema allows <" + s.name() + ">");
                        });
                    }
                    steps.put(leg, list);
                });
            }
            return new ProcessingPolicy(steps);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unparseable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
