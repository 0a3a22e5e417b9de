package org.webims.interworking.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.RequestEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.interworking.InterworkingTestSupport;
import org.webims.interworking.peers.BrowserWebRtc;
import org.webims.interworking.peers.Digest;
import org.webims.interworking.peers.ImsPeer;
import org.webims.interworking.peers.SipText;
import org.webims.interworking.peers.WebUserDialog;
import org.webims.interworking.peers.WebSocketSipPeer;
import org.webims.interworking.peers.ParallelClose;

/**
 * Preconditions (RFC 3312, segmented qos as TS 24.229 §6.1.2 has it) through the deployed
 * application, both ways: with the shipped strict profile (preconditions and 100rel required)
 * the qos status is negotiated with a JAIN-SIP IMS agent before anyone alerts; with the plain
 * profile calls go as before.
 */
class PreconditionCallTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String CALLEE = "sip:+4930999@ims.test";
    private static final String CALLER = "sip:+4930777@ims.test";

    @TempDir
    Path dir;
    private ImsPeer ims;
    private InterworkingTestSupport support;
    private WebSocketSipPeer web;
    private BrowserWebRtc browser;
    private final WebUserDialog alice = new WebUserDialog(CALLEE);
    private final String callId = alice.callId();
    private final String fromTag = alice.fromTag();

    private void start(Path profile) throws Exception {
        ims = new ImsPeer();
        support = InterworkingTestSupport.startWithProfileFile(dir, profile,
                Optional.of("sip:127.0.0.1:" + ims.port() + ";transport=udp"), Duration.ofMinutes(5),
                p -> p.replace("folder=\"/tmp\"", "folder=\"" + dir.toAbsolutePath() + "\""));
        web = support.webPeer();
        support.registerAlice(web);
        browser = new BrowserWebRtc(support.mediaNode());
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {browser, web}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        try {
            ParallelClose.all(java.util.Arrays.asList(support, ims)); // neither waits for the other's stack to stop
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- web -> IMS ----

    /** Alice's web INVITE (challenged, then with credentials); returns the INVITE the IMS side got. */
    private RequestEvent placeCall() throws Exception {
        String offer = Files.readString(Path.of("../media-engine/src/test/resources/sdp/chrome-offer.sdp"),
                StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
        web.send(alice.invite(1, null, offer));
        SipText challenge = web.next("INVITE", 200, WAIT);
        assertEquals(401, challenge.status(), challenge.startLine());
        String auth = Digest.authorization("alice", "alice-secret", "ims.test",
                SipText.param(challenge.header("WWW-Authenticate"), "nonce"), "INVITE", CALLEE, 1, "i1");
        web.send(alice.invite(2, auth, offer));
        return ims.nextRequest(Request.INVITE, WAIT);
    }

    /** An audio-only IMS phone's answer, video refused, with {@code qos} lines (or none) on the audio. */
    private static String mtsiAnswer(String imsOffer, int version, String qos) {
        Matcher amr = Pattern.compile("a=rtpmap:(\\d+) AMR-WB/16000").matcher(imsOffer);
        assertTrue(amr.find(), imsOffer);
        String pt = amr.group(1);
        Matcher video = Pattern.compile("(?m)^m=video \\d+ (\\S+) (\\d+)").matcher(imsOffer);
        String audioProto = imsOffer.replaceAll("(?s).*m=audio \\d+ (\\S+) .*", "$1");
        return "v=0\r\no=ims-ue 1 " + version + " IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 " + audioProto + " " + pt + "\r\na=rtpmap:" + pt + " AMR-WB/16000/1\r\n"
                + "a=fmtp:" + pt + " mode-change-capability=2;max-red=220\r\na=ptime:20\r\n" + qos + "a=sendrecv\r\n"
                + (video.find() ? "m=video 0 " + video.group(1) + " " + video.group(2) + "\r\n" : "");
    }

    private static String qos(String local, String remote, boolean confirm) {
        return "a=curr:qos local " + local + "\r\na=curr:qos remote " + remote + "\r\n"
                + "a=des:qos mandatory local sendrecv\r\na=des:qos mandatory remote sendrecv\r\n"
                + (confirm ? "a=conf:qos remote sendrecv\r\n" : "");
    }

    private static String audioOf(String sdp) {
        String audio = sdp.substring(sdp.indexOf("m=audio"));
        int video = audio.indexOf("m=video");
        return video < 0 ? audio : audio.substring(0, video);
    }

    private static List<String> values(javax.sip.message.Message m, String name) {
        List<String> out = new ArrayList<>();
        m.getHeaders(name).forEachRemaining(h -> {
            for (String v : ((gov.nist.javax.sip.header.SIPHeader) h).getHeaderValue().split(",")) {
                out.add(v.strip());
            }
        });
        return out;
    }

    @Test
    void strictProfileWebCallReportsOurQosByUpdateAfterThePrackedEarlyAnswerAndRingsOnlyOnceTheImsSideIsReserved()
            throws Exception {
        start(InterworkingTestSupport.SHIPPED_STRICT_PROFILE);
        RequestEvent imsInvite = placeCall();
        Request invite = imsInvite.getRequest();
        assertTrue(values(invite, "Require").containsAll(List.of("100rel", "precondition")), invite.toString());
        String offer = ims.contentOf(invite);
        // RFC 3312 §5, TS 24.229 §6.1.2: nothing reserved yet, both segments mandatory
        assertTrue(audioOf(offer).contains(qos("none", "none", false)), offer);

        // the IMS side answers reliably with its status: its segment not reserved, confirmation of ours asked
        ims.respondReliably(imsInvite, 183, mtsiAnswer(offer, 1, qos("none", "none", true)));
        SipText progress = web.next("INVITE", 183, WAIT);
        assertTrue(progress.body().contains("a=fingerprint:sha-256"), "early media answer: " + progress.body());
        ims.respond(ims.nextRequest(Request.PRACK, WAIT), 200, null);

        // RFC 3312 §5.1: our segment is reserved, told by UPDATE (nextRequest skips nothing but other methods)
        RequestEvent update = ims.nextRequest(Request.UPDATE, WAIT);
        String status = audioOf(ims.contentOf(update.getRequest()));
        assertTrue(status.contains("a=curr:qos local sendrecv") && status.contains("a=curr:qos remote none"), status);
        assertTrue(ims.contentOf(update.getRequest()).contains("o=") && !ims.contentOf(update.getRequest()).equals(offer));
        ims.respond(update, 200, mtsiAnswer(offer, 2, qos("sendrecv", "sendrecv", false)));

        // the callee alerts only now, reliably as the profile requires
        ims.respondReliably(imsInvite, 180, null);
        assertEquals(180, web.next("INVITE", 180, WAIT).status());
        ims.respond(ims.nextRequest(Request.PRACK, WAIT), 200, null);
        ims.respond(imsInvite, 200, mtsiAnswer(offer, 2, qos("sendrecv", "sendrecv", false)));
        SipText ok = web.next("INVITE", 200, WAIT);
        assertEquals(200, ok.status(), ok.startLine());
        assertNotNull(ims.nextRequest(Request.ACK, WAIT));
        web.send(alice.inDialog("ACK", 2, ok));
        web.send(alice.inDialog("BYE", 3, ok));
        assertNotNull(ims.nextRequest(Request.BYE, WAIT));
    }

    @Test
    void imsSideSayingItsPreconditionsFailedCancelsTheImsLegAndRefusesTheWebCallWith580() throws Exception {
        start(InterworkingTestSupport.SHIPPED_STRICT_PROFILE);
        RequestEvent imsInvite = placeCall();
        String offer = ims.contentOf(imsInvite.getRequest());
        // RFC 3312 §5.1: strength "failure" says the reservation cannot be made
        ims.respondReliably(imsInvite, 183, mtsiAnswer(offer, 1, "a=curr:qos local none\r\na=curr:qos remote none\r\n"
                + "a=des:qos failure local sendrecv\r\na=des:qos mandatory remote sendrecv\r\n"));
        SipText refused = web.next("INVITE", 200, WAIT);
        assertEquals(580, refused.status(), refused.startLine());
        assertTrue(refused.header("Reason").contains("cause=580"), refused.header("Reason"));
        RequestEvent cancel = ims.nextRequest(Request.CANCEL, WAIT);
        assertTrue(cancel.getRequest().getHeader("Reason").toString().contains("cause=580"), cancel.getRequest().toString());
        ims.respond(imsInvite, 487, null);
        for (int i = 0; i < 100 && support.pipelines().size() > 1; i++) {
            Thread.sleep(50);
        }
        assertEquals(1, support.pipelines().size(), "the call's media released (the browser stand-in's pipeline stays)");
    }

    @Test
    void plainProfileWebCallOffersNoPreconditionsAndIsAnsweredAsBefore() throws Exception {
        start(InterworkingTestSupport.SHIPPED_PROFILE);
        RequestEvent imsInvite = placeCall();
        Request invite = imsInvite.getRequest();
        assertFalse(values(invite, "Require").contains("precondition") || values(invite, "Supported").contains("precondition"),
                invite.toString());
        String offer = ims.contentOf(invite);
        assertFalse(offer.contains("a=curr:") || offer.contains("a=des:"), offer);
        ims.respond(imsInvite, 180, null);
        assertEquals(180, web.next("INVITE", 180, WAIT).status());
        ims.respond(imsInvite, 200, mtsiAnswer(offer, 1, ""));
        assertEquals(200, web.next("INVITE", 200, WAIT).status());
        assertNotNull(ims.nextRequest(Request.ACK, WAIT));
    }

    // ---- IMS -> web ----

    /** A VoLTE phone's offer with its qos status: its own segment {@code local}, ours asked for optionally. */
    private static String volteOffer(int version, String local) throws Exception {
        return Files.readString(Path.of("../media-engine/src/test/resources/sdp/mtsi-volte-offer.sdp"), StandardCharsets.UTF_8)
                .replace("IN IP6 2001:db8:80:1::2a", "IN IP4 127.0.0.1")
                .replace("1642683412 0 IN", "1642683412 " + version + " IN")
                .replace("a=curr:qos local none", "a=curr:qos local " + local)
                .replace("\r\n", "\n").replace("\n", "\r\n");
    }

    private List<String> iscHeaders(String... more) {
        List<String> h = new ArrayList<>(List.of("Route: <sip:127.0.0.1:" + support.udpPort() + ";lr>",
                "Route: <sip:127.0.0.1:" + ims.port() + ";lr;odi=4f2a91c0d7e3b5a6>",
                "P-Asserted-Identity: \"Carol\" <" + CALLER + ">",
                "P-Charging-Vector: icid-value=1234bc9876e;orig-ioi=ims.test"));
        h.addAll(List.of(more));
        return h;
    }

    private static String body(Response r) {
        return r.getRawContent() == null ? "" : new String(r.getRawContent(), StandardCharsets.UTF_8);
    }

    @Test
    void strictProfileAnswersAnImsOfferRequiringPreconditionsWithOurStatusAndInvitesTheWebUserOnlyWhenMet()
            throws Exception {
        start(InterworkingTestSupport.SHIPPED_STRICT_PROFILE);
        ims.invite(InterworkingTestSupport.ALICE.impu(), CALLER,
                iscHeaders("Supported: 100rel", "Require: precondition"), volteOffer(0, "none"));
        Response progress = ims.nextResponse(Request.INVITE, 183, WAIT);
        assertEquals(183, progress.getStatusCode(), progress.toString());
        assertNotNull(progress.getHeader("RSeq"), "a reliable 183 (RFC 3262)");
        String answer = body(progress);
        // RFC 3312 §6: our segment reserved, theirs not yet, mandatory both; asked to confirm theirs
        assertTrue(answer.contains("a=curr:qos local sendrecv") && answer.contains("a=curr:qos remote none")
                && answer.contains("a=des:qos mandatory local sendrecv") && answer.contains("a=des:qos mandatory remote sendrecv")
                && answer.contains("a=conf:qos remote sendrecv"), answer);
        ims.prack(progress);
        assertEquals(200, ims.nextResponse(Request.PRACK, 200, WAIT).getStatusCode());
        assertEquals(0, web.waiting(), "the web user is not alerted before the preconditions are met (RFC 3312 §5.1)");

        ims.offerInDialog(ims.dialog(), Request.UPDATE, volteOffer(1, "sendrecv"));
        Response updated = ims.nextResponse(Request.UPDATE, 200, WAIT);
        assertEquals(200, updated.getStatusCode());
        String status = body(updated);
        assertTrue(status.contains("a=curr:qos local sendrecv") && status.contains("a=curr:qos remote sendrecv")
                && !status.contains("a=conf:"), status);

        SipText webInvite = web.next("INVITE", 0, WAIT);
        assertFalse(webInvite.body().contains("a=curr:"), "preconditions end at the AS: " + webInvite.body());
        web.send(webInvite.reply(180, "Ringing", "alice1", null));
        Response ringing = ims.nextResponse(Request.INVITE, 180, WAIT);
        assertEquals(180, ringing.getStatusCode());
        ims.prack(ringing);
        assertEquals(200, ims.nextResponse(Request.PRACK, 200, WAIT).getStatusCode());
        web.send(webInvite.reply(200, "OK", "alice1", browser.answer(webInvite.body())));
        Response ok = ims.nextResponse(Request.INVITE, 200, WAIT);
        assertEquals(200, ok.getStatusCode());
        ims.ack(ok);
        assertFalse(web.next("ACK", 0, WAIT).isResponse());
    }

    @Test
    void imsCallerCancellingBeforeThePreconditionsAreMetNeverAlertsTheWebUser() throws Exception {
        start(InterworkingTestSupport.SHIPPED_STRICT_PROFILE);
        javax.sip.ClientTransaction invite = ims.invite(InterworkingTestSupport.ALICE.impu(), CALLER,
                iscHeaders("Supported: 100rel", "Require: precondition"), volteOffer(0, "none"));
        Response progress = ims.nextResponse(Request.INVITE, 183, WAIT);
        ims.prack(progress);
        assertEquals(200, ims.nextResponse(Request.PRACK, 200, WAIT).getStatusCode());
        ims.cancel(invite);
        assertEquals(487, ims.nextResponse(Request.INVITE, 300, WAIT).getStatusCode());
        for (int i = 0; i < 100 && support.pipelines().size() > 1; i++) {
            Thread.sleep(50);
        }
        assertEquals(1, support.pipelines().size(), "the call's media released (the browser stand-in's pipeline stays)");
        assertEquals(0, web.waiting(), "no INVITE and no CANCEL reached the web user");
    }

    @Test
    void plainProfileRefusesAnImsInviteRequiringPreconditionsWith420() throws Exception {
        start(InterworkingTestSupport.SHIPPED_PROFILE);
        ims.invite(InterworkingTestSupport.ALICE.impu(), CALLER, iscHeaders("Require: precondition"), volteOffer(0, "none"));
        Response r = ims.nextResponse(Request.INVITE, 200, WAIT);
        assertEquals(420, r.getStatusCode());
        assertEquals(List.of("precondition"), values(r, "Unsupported"));
    }

    @Test
    void plainProfileCallsAWebUserAtOnceWhenTheImsOfferOnlyCarriesQosLines() throws Exception {
        start(InterworkingTestSupport.SHIPPED_PROFILE);
        ims.invite(InterworkingTestSupport.ALICE.impu(), CALLER, iscHeaders(), volteOffer(0, "none"));
        SipText webInvite = web.next("INVITE", 0, WAIT);
        web.send(webInvite.reply(200, "OK", "alice1", browser.answer(webInvite.body())));
        Response ok = ims.nextResponse(Request.INVITE, 200, WAIT);
        assertEquals(200, ok.getStatusCode());
        assertFalse(body(ok).contains("a=curr:"), body(ok));
        ims.ack(ok);
    }
}
