package org.webims.webrtc.kurento;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.webims.media.kurento.objects.ElementType;
import org.webims.media.pipeline.event.MediaEvent;
import org.webims.webrtc.event.DtlsConnectionStateChange;
import org.webims.webrtc.event.IceCandidateFound;
import org.webims.webrtc.event.IceCandidateInfo;
import org.webims.webrtc.event.IceCandidatePair;
import org.webims.webrtc.event.IceComponentStateChanged;
import org.webims.webrtc.event.IceGatheringDone;
import org.webims.webrtc.event.NewCandidatePairSelected;
import org.webims.webrtc.event.PeerLeft;

/**
 * The data of a WebRtcEndpoint's events as kurento-client's event classes take them
 * ({@code IceCandidateFoundEvent(candidate)}, {@code IceComponentStateChangedEvent(streamId,
 * componentId, state)}, ...); complex values carry {@code __module__} and {@code __type__}.
 */
final class WebRtcEventFields {

    private WebRtcEventFields() {
    }

    /** False for an event that is not a WebRTC one. */
    static boolean write(MediaEvent event, ObjectNode data) {
        if (event instanceof IceCandidateFound found) {
            IceCandidateInfo c = found.candidate();
            ObjectNode candidate = data.putObject("candidate");
            ElementType.complexType(candidate, "IceCandidate");
            candidate.put("candidate", c.candidate());
            candidate.put("sdpMid", c.sdpMid());
            candidate.put("sdpMLineIndex", c.sdpMLineIndex());
            return true;
        }
        if (event instanceof IceGatheringDone) {
            return true;
        }
        if (event instanceof IceComponentStateChanged changed) {
            data.put("streamId", Integer.parseInt(changed.streamId()));
            data.put("componentId", changed.componentId());
            // our IceState names are a subset of Kurento's IceComponentState
            data.put("state", changed.state().name());
            return true;
        }
        if (event instanceof NewCandidatePairSelected selected) {
            IceCandidatePair p = selected.candidatePair();
            ObjectNode pair = data.putObject("candidatePair");
            ElementType.complexType(pair, "IceCandidatePair");
            pair.put("streamId", p.streamID());
            pair.put("componentId", p.componentID());
            pair.put("localCandidate", p.localCandidate());
            pair.put("remoteCandidate", p.remoteCandidate());
            return true;
        }
        if (event instanceof PeerLeft left) {
            data.put("how", left.how().name()); // beyond Kurento: the browser's DTLS close or BYEs (decision 0091)
            return true;
        }
        if (event instanceof DtlsConnectionStateChange dtls) {
            // one bundled stream with one component (rtcp-mux), as KMS numbers them
            data.put("streamId", dtls.connectionId());
            data.put("componentId", "1");
            data.put("connectionId", dtls.connectionId());
            data.put("state", dtls.state().name());
            return true;
        }
        return false;
    }
}
