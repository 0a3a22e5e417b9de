package org.webims.ims.mtsi;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.webims.ims.profile.AmrPolicy;
import org.webims.ims.profile.MediaPolicy;
import org.webims.media.sdp.negotiation.CodecCapability;
import org.webims.media.sdp.negotiation.CodecPreference;
import org.webims.media.sdp.negotiation.H264ProfileLevelId;
import org.webims.media.sdp.negotiation.LocalCapabilities;
import org.webims.media.sdp.negotiation.MediaCapabilities;

/**
 * Our capabilities on the IMS leg, as the MTSI profile (TS 26.114) and the carrier profile say:
 * <ul>
 * <li>AMR-WB as two payload types, bandwidth-efficient and octet-aligned (TS 26.114 §6.2.2.2),
 * each with mode-change-capability=2 and max-red=220 (TS 26.114 §6.2.2.2, RFC 4867 §8.1) and the
 * profiled mode-set; AMR-NB the same way when profiled; ptime 20, maxptime 240
 * (TS 26.114 §6.2.1 and Annex A);</li>
 * <li>telephone-event at 16000 Hz, and at 8000 Hz when profiled (TS 26.114 §6.2.8, RFC 4733);</li>
 * <li>H.264 Constrained Baseline at the profiled level, packetization-mode 1 and 0 (TS 26.114
 * §5.2.2, §6.2.3), with the AVPF feedback of TS 26.114 §7.3 when the profile says RTP/AVPF;</li>
 * <li>no ICE, no BUNDLE, no rtcp-mux, no SDES: plain RTP/AVP or RTP/AVPF (either is accepted in
 * an offer; ours offers the profiled one);</li>
 * <li>answers name a single speech codec (TS 26.114 §6.2.2, §6.2.5), the offerer's preferred.</li>
 * </ul>
 */
public final class MtsiCapabilities {

    static final int PTIME = 20;
    static final int MAXPTIME = 240;
    static final String DTMF_EVENTS = "0-15";
    /** TS 26.114 §7.3: what an MTSI client supports with AVPF. */
    static final String[] VIDEO_FEEDBACK = {"nack", "nack pli", "ccm fir", "ccm tmmbr"};

    private MtsiCapabilities() {
    }

    public static LocalCapabilities of(MediaPolicy policy) {
        List<MediaCapabilities> media = new ArrayList<>(2);
        media.add(audio(policy));
        if (policy.h264().isPresent()) {
            media.add(video(policy, policy.h264().get()));
        }
        return new LocalCapabilities(media, CodecPreference.OFFERER, true);
    }

    private static String[] protocols(MediaPolicy policy) {
        return "RTP/AVPF".equals(policy.transport()) ? new String[] {"RTP/AVPF", "RTP/AVP"}
                : new String[] {"RTP/AVP", "RTP/AVPF"};
    }

    static MediaCapabilities audio(MediaPolicy policy) {
        List<CodecCapability> codecs = new ArrayList<>();
        codecs.add(amr("AMR-WB", 16000, policy.amrWb(), false));
        codecs.add(amr("AMR-WB", 16000, policy.amrWb(), true));
        policy.amrNb().ifPresent(nb -> {
            codecs.add(amr("AMR", 8000, nb, false));
            codecs.add(amr("AMR", 8000, nb, true));
        });
        codecs.add(CodecCapability.of("telephone-event", 16000).withParameter(DTMF_EVENTS, ""));
        if (policy.telephoneEvent8000()) {
            codecs.add(CodecCapability.of("telephone-event", 8000).withParameter(DTMF_EVENTS, ""));
        }
        return MediaCapabilities.of("audio", codecs).withProtocols(protocols(policy))
                .withPacketization(PTIME, MAXPTIME);
    }

    /** RFC 4867 §8.1 parameters in the order TS 26.114 Annex A writes them. */
    static CodecCapability amr(String name, int clockRate, AmrPolicy amr, boolean octetAlign) {
        CodecCapability c = CodecCapability.of(name, clockRate);
        if (octetAlign) {
            c = c.withParameter("octet-align", "1");
        }
        if (!amr.modeSet().isEmpty()) {
            c = c.withParameter("mode-set", amr.modeSet().stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        return c.withParameter("mode-change-capability", "2").withParameter("max-red", "220");
    }

    static MediaCapabilities video(MediaPolicy policy, H264ProfileLevelId level) {
        List<CodecCapability> codecs = new ArrayList<>(2);
        for (String mode : new String[] {"1", "0"}) {
            CodecCapability c = CodecCapability.of("H264", 90000).withParameter("profile-level-id", level.hex())
                    .withParameter("packetization-mode", mode);
            // declared either way: the offer/answer writes rtcp-fb only on an AVPF m-line
            codecs.add(c.withFeedback(VIDEO_FEEDBACK));
        }
        return MediaCapabilities.of("video", codecs).withProtocols(protocols(policy));
    }
}
