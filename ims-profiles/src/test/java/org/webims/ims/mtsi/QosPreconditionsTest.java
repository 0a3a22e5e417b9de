package org.webims.ims.mtsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.Precondition;
import org.webims.media.sdp.SdpParser;
import org.webims.media.sdp.SdpWriter;
import org.webims.media.sdp.Precondition.Direction;

class QosPreconditionsTest {

    /** A peer's audio m-line carrying these precondition lines. */
    private static MediaDescription peer(String... preconditionLines) throws Exception {
        StringBuilder sdp = new StringBuilder("v=0\r\no=ue 1 1 IN IP4 192.0.2.9\r\ns=-\r\nc=IN IP4 192.0.2.9\r\nt=0 0\r\n"
                + "m=audio 5000 RTP/AVP 97\r\na=rtpmap:97 AMR-WB/16000\r\n");
        for (String l : preconditionLines) {
            sdp.append(l).append("\r\n");
        }
        return new SdpParser().parse(sdp.toString()).media().get(0);
    }

    private static List<String> lines(QosPreconditions q) {
        return q.attributes().stream().map(a -> "a=" + a.name() + ":" + a.value()).toList();
    }

    @Test
    void anOfferDesiresMandatorySendrecvOnBothSegmentsWithNothingReserved() {
        QosPreconditions q = QosPreconditions.forOffer();
        assertEquals(List.of("a=curr:qos local none", "a=curr:qos remote none", "a=des:qos mandatory local sendrecv",
                "a=des:qos mandatory remote sendrecv"), lines(q));
        assertFalse(q.met());
    }

    @Test
    void theAttributesAreTheSdpPackagesPreconditionType() {
        List<Precondition> attributes = QosPreconditions.forOffer().attributes();
        assertTrue(attributes.stream().allMatch(a -> a.preconditionType().equals(Precondition.QOS)));
    }

    @Test
    void metOnceOurSegmentIsReservedAndThePeerReportsItsOwn() throws Exception {
        QosPreconditions q = QosPreconditions.forOffer();
        q.localReserved(Direction.SENDRECV);
        q.update(peer("a=curr:qos local none", "a=curr:qos remote sendrecv", "a=des:qos mandatory local sendrecv",
                "a=des:qos mandatory remote sendrecv"));
        assertFalse(q.met(), "the peer's segment is not reserved yet");
        assertEquals(Direction.NONE, q.current(QosPreconditions.Segment.REMOTE));

        q.update(peer("a=curr:qos local sendrecv", "a=curr:qos remote sendrecv", "a=des:qos mandatory local sendrecv",
                "a=des:qos mandatory remote sendrecv"));
        assertTrue(q.met());
        assertEquals(List.of("a=curr:qos local sendrecv", "a=curr:qos remote sendrecv",
                "a=des:qos mandatory local sendrecv", "a=des:qos mandatory remote sendrecv"), lines(q));
    }

    @Test
    void thePeersSendIsOurRemoteReceive() throws Exception {
        QosPreconditions q = QosPreconditions.forOffer();
        q.localReserved(Direction.SENDRECV);
        q.update(peer("a=curr:qos local send"));
        assertEquals(Direction.RECV, q.current(QosPreconditions.Segment.REMOTE));
        assertFalse(q.met(), "the remote segment's other direction is mandatory too");
        q.update(peer("a=curr:qos local sendrecv"));
        assertTrue(q.met());
    }

    @Test
    void theLocalSegmentIsOnlyWhatWeReserve() throws Exception {
        QosPreconditions q = QosPreconditions.forOffer();
        q.update(peer("a=curr:qos local sendrecv", "a=curr:qos remote sendrecv"));
        assertEquals(Direction.NONE, q.current(QosPreconditions.Segment.LOCAL),
                "what the peer believes of our segment does not reserve it");
        assertFalse(q.met());
    }

    @Test
    void answeringTakesTheOfferersDesireForItsSegmentAndAsksForConfirmation() throws Exception {
        MediaDescription offer = new SdpParser().parse(Files.readString(
                Path.of("..", "media-engine", "src", "test", "resources", "sdp", "mtsi-volte-offer.sdp"))).media().get(0);
        QosPreconditions q = QosPreconditions.forAnswer(offer);
        q.localReserved(Direction.SENDRECV);

        assertEquals(List.of("a=curr:qos local sendrecv", "a=curr:qos remote none",
                "a=des:qos mandatory local sendrecv", "a=des:qos mandatory remote sendrecv",
                "a=conf:qos remote sendrecv"), lines(q),
                "offer's optional remote (our local) upgraded to our mandatory; its mandatory local is our remote");
        assertFalse(q.met());

        q.update(peer("a=curr:qos local sendrecv", "a=curr:qos remote sendrecv", "a=des:qos mandatory local sendrecv",
                "a=des:qos mandatory remote sendrecv"));
        assertTrue(q.met(), "the UPDATE reporting the UE's reservation lets us alert");
        assertFalse(lines(q).stream().anyMatch(l -> l.startsWith("a=conf")), "nothing left to confirm");
    }

    @Test
    void optionalDesiresDoNotHoldTheCallBack() throws Exception {
        QosPreconditions q = QosPreconditions.forAnswer(peer("a=curr:qos local none", "a=curr:qos remote none",
                "a=des:qos optional local sendrecv", "a=des:qos none remote sendrecv"));
        q.localReserved(Direction.SENDRECV);
        assertTrue(q.met());
    }

    @Test
    void aStrengthIsNeverDowngradedAndDirectionsMaySplit() throws Exception {
        QosPreconditions q = QosPreconditions.forAnswer(peer("a=des:qos optional local send",
                "a=des:qos mandatory local recv"));
        assertEquals(Precondition.Strength.OPTIONAL, q.desired(QosPreconditions.Segment.REMOTE, false));
        assertEquals(Precondition.Strength.MANDATORY, q.desired(QosPreconditions.Segment.REMOTE, true));
        q.update(peer("a=des:qos none local sendrecv"));
        assertEquals(Precondition.Strength.MANDATORY, q.desired(QosPreconditions.Segment.REMOTE, true));
        assertTrue(lines(q).containsAll(List.of("a=des:qos mandatory remote send", "a=des:qos optional remote recv")),
                lines(q).toString());
    }

    @Test
    void aFailureStrengthFailsThePreconditions() throws Exception {
        QosPreconditions q = QosPreconditions.forOffer();
        q.update(peer("a=des:qos failure local sendrecv"));
        assertTrue(q.failed());
    }

    @Test
    void aConfirmationIsDueOnceOurSegmentReachesWhatThePeerAsked() throws Exception {
        QosPreconditions q = QosPreconditions.forOffer();
        q.update(peer("a=conf:qos remote sendrecv"));
        assertFalse(q.confirmationDue());
        q.localReserved(Direction.SEND);
        assertFalse(q.confirmationDue());
        q.localReserved(Direction.RECV);
        assertTrue(q.confirmationDue());
    }

    @Test
    void replacesThePreconditionLinesOfAnMLine() throws Exception {
        MediaDescription m = peer("a=curr:qos local none", "a=des:qos optional local sendrecv", "a=sendrecv");
        QosPreconditions q = QosPreconditions.forOffer();
        q.localReserved(Direction.SENDRECV);
        String written = SdpWriter.write(q.applyTo(m));
        assertTrue(written.contains("a=curr:qos local sendrecv\r\n"), written);
        assertFalse(written.contains("a=curr:qos local none"), written);
        assertFalse(written.contains("a=des:qos optional local sendrecv"), written);
        assertTrue(written.contains("a=sendrecv"), written);
        assertEquals(q.attributes(), new SdpParser().parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n" + written)
                .media().get(0).preconditions(), "the lines parse back to the same preconditions");
    }

}
