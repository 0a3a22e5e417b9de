package org.webims.webrtc.kurento;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.webims.media.kurento.objects.ElementType;
import org.webims.media.sdp.Candidate;
import org.webims.media.srtp.SrtpProfile;
import org.webims.webrtc.WebRtcEndpoint;
import org.webims.webrtc.dtls.DtlsSession;
import org.webims.webrtc.ice.CandidatePairStats;
import org.webims.webrtc.ice.IceCandidate;
import org.webims.webrtc.ice.IceState;

/**
 * A WebRtcEndpoint's bundled transport in Kurento's getStats shape (kms-core {@code MediaElement.kmd},
 * as kurento-client 7.3.0 reads it): one {@code RTCTransportStats} keyed {@code bundle} (the
 * {@code transportId} of every stream), one {@code RTCIceCandidatePairStats} per pair the browser's
 * checks proved, and an {@code RTCIceCandidateAttributes} for each candidate those pairs name.
 * <p>
 * We are ICE-lite (RFC 8445 §2.5): we send no checks, so no round trip of ours exists.
 * kurento-client cannot build the pair without Kurento's {@code roundTripTime} and available
 * bitrates (a missing double fails the whole getStats), so the round trip is 0, Kurento's "not
 * measured"; the W3C {@code currentRoundTripTime} is left out. The nominated pair's
 * {@code availableOutgoingBitrate} is our send-side estimate from the browser's transport-wide
 * feedback (decision 0066), 0 until feedback came; {@code availableIncomingBitrate} stays 0 (the
 * browser estimates what it sends us).
 * Fields beyond Kurento's, in the W3C webrtc-stats names where it has them (kurento-client ignores
 * them): the pair's packets, its STUN requests and responses, when consent was last seen
 * (RFC 7675), the transport's DTLS and ICE states, its DTLS role and its SRTP profile ({@code srtpCipher}).
 */
final class IceTransportStats {

    static final String TRANSPORT_ID = "bundle";

    private IceTransportStats() {
    }

    static void put(WebRtcEndpoint endpoint, ObjectNode stats, long nowMillis) {
        long nowNanos = System.nanoTime();
        IceState iceState = endpoint.iceState();
        DtlsSession.State dtlsState = endpoint.dtlsState();
        List<Candidate> trickled = endpoint.trickledCandidates();
        String selectedId = "";
        // our send-side estimate (decision 0066) is the nominated pair's: media goes only there
        long outgoing = endpoint.bandwidth().measured() ? endpoint.bandwidth().estimate() : 0;
        Set<IceCandidate> locals = new LinkedHashSet<>();
        for (CandidatePairStats p : endpoint.candidatePairs()) {
            // the pair's local candidate is the host candidate of the socket its checks came in on
            IceCandidate local = endpoint.socketCandidate(p.local());
            String localId = "localcandidate." + local.foundation();
            locals.add(local);
            String remoteId = "remotecandidate." + hostPort(p.remote());
            String id = "candidatepair." + local.foundation() + "_" + hostPort(p.remote());
            Candidate told = told(trickled, p.remote());
            long remotePriority = told != null ? told.priority() : p.checkPriority();
            ObjectNode s = entry(stats, id, "RTCIceCandidatePairStats", "candidatepair", nowMillis);
            s.put("transportId", TRANSPORT_ID);
            s.put("localCandidateId", localId);
            s.put("remoteCandidateId", remoteId);
            // A lite agent's pair is valid once the controlling agent's check succeeded (RFC 8445 §7.3.1.4);
            // the nominated one fails when consent does (RFC 7675 §5.1).
            boolean failed = p.nominated() && iceState == IceState.FAILED;
            s.put("state", failed ? "failed" : "succeeded");
            s.put("priority", CandidatePairStats.pairPriority(remotePriority, local.priority()));
            s.put("nominated", p.nominated());
            s.put("writable", p.nominated() && !failed); // what we send on
            s.put("readable", true); // a valid check came over it
            s.put("bytesSent", p.bytesSent());
            s.put("bytesReceived", p.bytesReceived());
            s.put("roundTripTime", 0.0);
            s.put("availableOutgoingBitrate", p.nominated() ? (double) outgoing : 0.0);
            s.put("availableIncomingBitrate", 0.0);
            s.put("packetsSent", p.packetsSent());
            s.put("packetsReceived", p.packetsReceived());
            s.put("requestsReceived", p.requestsReceived());
            s.put("responsesSent", p.responsesSent());
            s.put("requestsSent", 0);
            s.put("responsesReceived", 0);
            s.put("lastRequestReceivedTimestamp", nowMillis - (nowNanos - p.lastRequestNanos()) / 1_000_000);
            putRemoteCandidate(stats, remoteId, p, told, nowMillis);
            if (p.nominated()) {
                selectedId = id;
            }
        }
        for (IceCandidate local : locals) {
            ObjectNode c = candidate(stats, "localcandidate." + local.foundation(), "localcandidate", local.address(),
                    nowMillis);
            c.put("candidateType", "host");
            c.put("priority", local.priority());
        }
        ObjectNode t = entry(stats, TRANSPORT_ID, "RTCTransportStats", "transport", nowMillis);
        t.put("bytesSent", endpoint.transportCounters().bytesSent());
        t.put("bytesReceived", endpoint.transportCounters().bytesReceived());
        t.put("rtcpTransportStatsId", TRANSPORT_ID); // rtcp-mux: RTCP shares it (RFC 5761)
        t.put("activeConnection", dtlsState == DtlsSession.State.CONNECTED && iceState == IceState.CONNECTED);
        t.put("selectedCandidatePairId", selectedId);
        // kurento-client has no StatsType for certificate entries, so the ids are the SDP fingerprints themselves
        t.put("localCertificateId", endpoint.localFingerprint());
        String remote = endpoint.remoteFingerprint();
        t.put("remoteCertificateId", dtlsState == DtlsSession.State.CONNECTED && remote != null ? remote : "");
        t.put("dtlsState", dtlsState.name().toLowerCase(Locale.ROOT));
        t.put("iceState", iceState.name().toLowerCase(Locale.ROOT));
        DtlsSession.Role role = endpoint.dtlsRole();
        t.put("dtlsRole", role == null ? "unknown" : role.name().toLowerCase(Locale.ROOT));
        SrtpProfile profile = endpoint.srtpProfile();
        t.put("srtpCipher", profile == null ? "" : profile.dtlsName()); // webrtc-stats: the IANA registry's name
    }

    // the browser's candidate: as it trickled it, else peer-reflexive with its check's PRIORITY (RFC 8445 §7.3.1.3)
    private static void putRemoteCandidate(ObjectNode stats, String id, CandidatePairStats p, Candidate told,
                                           long nowMillis) {
        ObjectNode c = candidate(stats, id, "remotecandidate", p.remote(), nowMillis);
        c.put("candidateType", told == null ? "peerreflexive" : kurentoType(told.type()));
        c.put("priority", told == null ? p.checkPriority() : told.priority());
    }

    private static ObjectNode candidate(ObjectNode stats, String id, String type, InetSocketAddress address,
                                        long nowMillis) {
        ObjectNode c = entry(stats, id, "RTCIceCandidateAttributes", type, nowMillis);
        c.put("ipAddress", address.getAddress().getHostAddress());
        c.put("portNumber", address.getPort());
        c.put("transport", "udp");
        c.put("addressSourceUrl", "");
        return c;
    }

    private static ObjectNode entry(ObjectNode stats, String id, String complexType, String type, long nowMillis) {
        ObjectNode s = stats.putObject(id);
        ElementType.complexType(s, complexType);
        s.put("id", id);
        s.put("type", type);
        s.put("timestampMillis", nowMillis);
        return s;
    }

    private static Candidate told(List<Candidate> trickled, InetSocketAddress remote) {
        String ip = remote.getAddress().getHostAddress();
        for (Candidate c : trickled) {
            if (c.port() == remote.getPort() && sameAddress(c.address(), ip)) {
                return c;
            }
        }
        return null;
    }

    // only IP literals are compared (parsed, not looked up): an mDNS name (RFC 8839 §5.1, .local) is never this address
    private static boolean sameAddress(String candidate, String ip) {
        if (candidate.equals(ip)) {
            return true;
        }
        if (candidate.indexOf(':') < 0) {
            return false; // IPv4 literals print as they parse; anything else is a name
        }
        try {
            return java.net.InetAddress.getByName(candidate).getHostAddress().equals(ip);
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** RFC 8839 §5.1 cand-type to Kurento's RTCStatsIceCandidateType. */
    private static String kurentoType(String sdpType) {
        return switch (sdpType) {
            case "srflx" -> "serverreflexive";
            case "prflx" -> "peerreflexive";
            case "relay" -> "relayed";
            default -> "host";
        };
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
