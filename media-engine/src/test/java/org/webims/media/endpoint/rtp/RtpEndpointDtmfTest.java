package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.payload.dtmf.DtmfSender;
import org.webims.media.rtp.payload.dtmf.TelephoneEvent;

/** RFC 4733 telephone-events on real RTP sockets: received once per digit, sent as the §2.5 train, relayed. */
class RtpEndpointDtmfTest {

    static final RtpEndpointSettings AUDIO_ONLY = RtpEndpointMediaTest.AUDIO_ONLY;
    static final MediaFormat OPUS = MediaFormat.audio("opus", 48000, 2);
    static final String[] OPUS_AND_EVENTS = {"rtpmap:111 opus/48000/2", "rtpmap:101 telephone-event/48000", "fmtp:101 0-15"};

    final MediaFixture fx;

    RtpEndpointDtmfTest() throws Exception {
        fx = new MediaFixture();
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    /** A received packet, parsed. */
    private record Rtp(int pt, int seq, long ts, boolean marker, int event, boolean end, int duration) {
        static Rtp of(byte[] datagram) {
            RtpPacket p = new RtpPacket();
            assertTrue(p.wrap(datagram, 0, datagram.length), "a well-formed RTP packet");
            int at = p.payloadOffset();
            boolean dtmf = p.payloadLength() == TelephoneEvent.LENGTH;
            return new Rtp(p.payloadType(), p.sequenceNumber(), p.timestamp(), p.marker(),
                    dtmf ? TelephoneEvent.event(datagram, at) : -1, dtmf && TelephoneEvent.end(datagram, at),
                    dtmf ? TelephoneEvent.duration(datagram, at) : -1);
        }
    }

    private static Rtp next(UdpPeer peer) throws Exception {
        byte[] d = UdpPeer.receive(peer.rtp);
        assertNotNull(d, "an RTP packet");
        return Rtp.of(d);
    }

    /** Sends one event as a browser or phone does: growing duration, then the E bit three times. */
    private static void sendEvent(UdpPeer peer, int toPort, int pt, int event, long ts, int seq, int unitsPer20ms,
            int updates) throws Exception {
        byte[] payload = new byte[4];
        for (int i = 0; i < updates + DtmfSender.END_REPEATS; i++) {
            boolean end = i >= updates;
            TelephoneEvent.write(payload, 0, event, end, 10, unitsPer20ms * Math.min(i + 1, updates));
            peer.sendRtp(toPort, pt, seq + i, ts, 42, payload);
        }
    }

    @Test
    void raisesOneEventPerDigitWithItsDurationDespiteUpdatesAndEndRepeats() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, AUDIO_ONLY);
        UdpPeer peer = fx.peer();
        endpoint.processOffer(peer.sdp("audio", "RTP/AVP", "111 101", OPUS_AND_EVENTS));
        int port = endpoint.localRtpPort(MediaType.AUDIO);
        sendEvent(peer, port, 101, 5, 48_000, 10, 960, 6); // '5' for 120 ms at 48 kHz
        sendEvent(peer, port, 101, TelephoneEvent.POUND, 96_000, 20, 960, 4); // '#' for 80 ms
        DtmfReceived five = fx.nextEvent(DtmfReceived.class);
        assertEquals('5', five.digit());
        assertEquals(120, five.durationMs());
        assertEquals(0, five.relayed(), "nothing connected sends telephone-events");
        DtmfReceived pound = fx.nextEvent(DtmfReceived.class);
        assertEquals('#', pound.digit());
        assertEquals(80, pound.durationMs());
        MediaFixture.await("both events counted", () -> endpoint.getStats().get("audio.dtmfEvents") == 2L);
    }

    @Test
    void sendDtmfSendsTheRfc4733TrainBetweenAudioPacketsWithContinuousSequenceNumbers() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, AUDIO_ONLY);
        TestSource source = new TestSource(pipeline);
        source.connect(endpoint, MediaType.AUDIO);
        UdpPeer peer = fx.peer();
        endpoint.processOffer(peer.sdp("audio", "RTP/AVP", "111 101", OPUS_AND_EVENTS));
        for (int i = 1; i <= 3; i++) {
            source.send(OPUS, new byte[] {(byte) i}, i, 960L * i, 1);
        }
        List<Rtp> audioBefore = List.of(next(peer), next(peer), next(peer));
        assertTrue(endpoint.sendDtmf('7', 100));
        List<Rtp> train = new ArrayList<>();
        for (int i = 0; i < 5 + DtmfSender.END_REPEATS; i++) {
            train.add(next(peer));
        }
        source.send(OPUS, new byte[] {4}, 4, 960L * 4, 1);
        Rtp audioAfter = next(peer);

        int seq = audioBefore.get(2).seq();
        for (int i = 0; i < train.size(); i++) {
            Rtp p = train.get(i);
            assertEquals(101, p.pt(), "the negotiated telephone-event payload type");
            assertEquals((seq + 1 + i) & 0xFFFF, p.seq(), "sequence numbers go on from the audio");
            assertEquals(train.get(0).ts(), p.ts(), "one timestamp for the whole event");
            assertEquals(i == 0, p.marker(), "the marker on the first packet only");
            assertEquals(7, p.event());
            boolean end = i >= 5;
            assertEquals(end, p.end(), "E bit on the last three");
            assertEquals(end ? 4800 : 960 * (i + 1), p.duration(), "duration in 48 kHz units, growing to 100 ms");
        }
        long sinceAudio = (train.get(0).ts() - audioBefore.get(2).ts()) & 0xFFFFFFFFL;
        assertTrue(sinceAudio < 0x8000_0000L, "the event starts after the audio before it");
        assertEquals(111, audioAfter.pt());
        assertEquals((seq + 1 + train.size()) & 0xFFFF, audioAfter.seq(), "the audio after the event has no gap");
        assertEquals(1L, endpoint.getStats().get("audio.dtmfEventsSent"));
    }

    @Test
    void relaysEventsToAConnectedEndpointAtItsOwnClockRate() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint web = fx.endpoint(pipeline, AUDIO_ONLY);
        RtpEndpoint ims = fx.endpoint(pipeline, AUDIO_ONLY);
        web.connect(ims, MediaType.AUDIO);
        UdpPeer browser = fx.peer();
        UdpPeer phone = fx.peer();
        web.processOffer(browser.sdp("audio", "RTP/AVP", "111 101", OPUS_AND_EVENTS));
        ims.processOffer(phone.sdp("audio", "RTP/AVP", "97 100", "rtpmap:97 AMR-WB/16000", "fmtp:97 octet-align=1",
                "rtpmap:100 telephone-event/16000", "fmtp:100 0-15"));
        sendEvent(browser, web.localRtpPort(MediaType.AUDIO), 101, 9, 4800, 1, 960, 8); // 160 ms at 48 kHz

        DtmfReceived heard = fx.nextEvent(DtmfReceived.class);
        assertEquals('9', heard.digit());
        assertEquals(1, heard.relayed(), "the IMS endpoint took it");
        List<Rtp> train = new ArrayList<>();
        for (int i = 0; i < 8 + DtmfSender.END_REPEATS; i++) {
            train.add(next(phone));
        }
        for (Rtp p : train) {
            assertEquals(100, p.pt(), "the phone's telephone-event/16000");
            assertEquals(9, p.event());
        }
        assertTrue(train.get(0).marker());
        Rtp last = train.get(train.size() - 1);
        assertTrue(last.end());
        assertEquals(2560, last.duration(), "160 ms in 16 kHz units");
    }

    @Test
    void refusesWhatIsNoDigitAndSendsNothingWithoutNegotiatedEvents() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, AUDIO_ONLY);
        UdpPeer peer = fx.peer();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> endpoint.sendDtmf('x', 100));
        assertTrue(e.getMessage().contains("not a DTMF digit"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> endpoint.sendDtmf('1', 0));
        assertFalse(endpoint.sendDtmf('1', 100), "nothing negotiated yet");
        endpoint.processOffer(peer.sdp("audio", "RTP/AVP", "111", "rtpmap:111 opus/48000/2"));
        assertFalse(endpoint.sendDtmf('1', 100), "the peer offered no telephone-event");
        assertEquals(1L, endpoint.getStats().get("audio.dtmfRefused"), "counted once the stream exists");
    }
}
