package org.webims.interworking.media.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.webims.interworking.media.CallMedia;
import org.webims.interworking.media.MediaLossListener;
import org.webims.interworking.media.MediaUnavailableException;
import org.webims.interworking.media.SdpRejectedException;
import org.webims.interworking.peers.MediaNodeProcess;
import org.webims.media.kurento.KurentoServerSettings;
import org.webims.media.node.MediaNodeServer;
import org.webims.media.node.MediaNodeSettings;
import org.webims.media.transport.PortRange;

/** The remote media control against real media nodes, each in its own JVM. */
class RemoteMediaControlTest {
    private static final String TOKEN = "node-secret";
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    static MediaNodeProcess first;
    static MediaNodeProcess second;

    @BeforeAll
    static void startNodes() throws Exception {
        first = MediaNodeProcess.start(TOKEN, START);
        second = MediaNodeProcess.start(TOKEN, START);
    }

    @AfterAll
    static void stopNodes() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    static RemoteMediaControl control(URI... nodes) {
        return new RemoteMediaControl(List.of(nodes), TOKEN,
                new RemoteMediaTimings(TIMEOUT, Duration.ofMinutes(5), Duration.ofSeconds(30)));
    }

    static String chromeOffer() throws Exception {
        return Files.readString(Path.of("../media-engine/src/test/resources/sdp/chrome-offer.sdp"), StandardCharsets.UTF_8)
                .replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /** An audio-only MTSI phone's answer: AMR-WB bandwidth-efficient, video refused with port 0. */
    static String mtsiAnswer(String imsOffer, int port) {
        Matcher amr = Pattern.compile("a=rtpmap:(\\d+) AMR-WB/16000").matcher(imsOffer);
        assertTrue(amr.find(), imsOffer);
        String pt = amr.group(1);
        Matcher video = Pattern.compile("(?m)^m=video \\d+ RTP/AVP (\\d+)").matcher(imsOffer);
        return "v=0\r\no=ims-ue 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP " + pt + "\r\na=rtpmap:" + pt + " AMR-WB/16000/1\r\n"
                + "a=fmtp:" + pt + " mode-change-capability=2;max-red=220\r\na=sendrecv\r\n"
                + (video.find() ? "m=video 0 RTP/AVP " + video.group(1) + "\r\n" : "");
    }

    /** The first of 40 media ports where no peer's port is drawn ({@link org.webims.sip.stack.UnusedPorts#range}). */
    static int freeEvenPort() {
        return org.webims.sip.stack.UnusedPorts.shared().range(40);
    }

    static URI closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("ws://127.0.0.1:" + s.getLocalPort() + "/kurento");
        }
    }

    @Test
    void aCallOnARemoteNodeIsAWebRtcLegAndAnMtsiRtpLegJoined() throws Exception {
        try (RemoteMediaControl control = control(first.uri())) {
            CallMedia call = control.createCall();
            String imsOffer = call.webOffer(chromeOffer());
            assertEquals(2, Pattern.compile("a=rtpmap:\\d+ AMR-WB/16000").matcher(imsOffer).results().count(), imsOffer);
            assertTrue(imsOffer.contains("mode-change-capability=2") && imsOffer.contains("telephone-event/16000"), imsOffer);
            assertTrue(imsOffer.contains("RTP/AVP ") && !imsOffer.contains("a=ice-") && !imsOffer.contains("BUNDLE")
                    && !imsOffer.contains("rtcp-mux"), imsOffer);
            int audioPort = Integer.parseInt(imsOffer.replaceAll("(?s).*?m=audio (\\d+) .*", "$1"));
            assertTrue(first.ownsPort(audioPort), "the IMS leg is on the node's ports: " + audioPort);

            String webAnswer = call.imsAnswer(mtsiAnswer(imsOffer, 40_000));
            assertTrue(webAnswer.contains("a=ice-lite") && webAnswer.contains("a=fingerprint:sha-256")
                    && webAnswer.contains("a=group:BUNDLE"), webAnswer);
            assertEquals(List.of(1), control.callsPerNode());
            call.release();
            call.release();
            assertEquals(List.of(0), control.callsPerNode());
        }
    }

    /**
     * TS 26.114 §6.2.5 on the IMS leg a media node makes: b=AS per m-line with b=RS/b=RR, TS 26.114's
     * defaults (AMR-WB at every mode, octet-aligned 23.85: 2 + 60 + 40 bytes every 20 ms, 40.8 kbit/s;
     * video 2000) or what the carrier profile sets.
     */
    @Test
    void theImsLegOnARemoteNodeCarriesTheMtsiBandwidthOrTheCarrierProfiles() throws Exception {
        try (RemoteMediaControl control = control(first.uri())) {
            String imsOffer = control.createCall().webOffer(chromeOffer());
            String audio = imsOffer.substring(imsOffer.indexOf("m=audio"), imsOffer.indexOf("m=video"));
            assertTrue(audio.contains("b=AS:41\r\nb=RS:512\r\nb=RR:1537\r\n"), imsOffer);
            assertTrue(imsOffer.substring(imsOffer.indexOf("m=video")).contains("b=AS:2000\r\n"), imsOffer);
        }
        org.webims.media.sdp.bandwidth.SdpBandwidths profiled =
                org.webims.media.sdp.bandwidth.SdpBandwidths.mtsi(768).withMaxAudioRecvKbps(38).withRtcp(0, 2000);
        try (RemoteMediaControl control = new RemoteMediaControl(List.of(first.uri()), TOKEN,
                new RemoteMediaTimings(TIMEOUT, Duration.ofMinutes(5), Duration.ofSeconds(30)), profiled)) {
            String imsOffer = control.createCall().webOffer(chromeOffer());
            String audio = imsOffer.substring(imsOffer.indexOf("m=audio"), imsOffer.indexOf("m=video"));
            assertTrue(audio.contains("b=AS:38\r\nb=RS:0\r\nb=RR:2000\r\n"), imsOffer);
            assertTrue(imsOffer.substring(imsOffer.indexOf("m=video")).contains("b=AS:768\r\n"), imsOffer);
        }
    }

    @Test
    void aHoldFromEitherSidePassesItsDirectionThroughARemoteNode() throws Exception {
        try (RemoteMediaControl control = control(first.uri())) {
            CallMedia call = control.createCall();
            String imsOffer = call.webOffer(chromeOffer());
            assertTrue(imsOffer.contains("a=sendrecv") && !imsOffer.contains("a=sendonly"), imsOffer);
            call.imsAnswer(mtsiAnswer(imsOffer, 40_000));

            // RFC 3264 §8.4: the browser holds with sendonly; the IMS party is offered sendonly
            String heldImsOffer = call.webOffer(chromeOffer().replace("a=sendrecv", "a=sendonly"));
            assertTrue(heldImsOffer.contains("a=sendonly") && !heldImsOffer.contains("a=sendrecv"), heldImsOffer);
            call.imsAnswer(mtsiAnswer(heldImsOffer, 40_000).replace("a=sendrecv", "a=recvonly"));

            // the IMS party holds: the browser is offered sendonly audio and, as the phone carries no
            // video, inactive video, so JsSIP sees the hold
            String webOffer = call.imsOffer(mtsiAnswer(heldImsOffer, 40_000).replace("a=sendrecv", "a=sendonly"));
            String audio = webOffer.substring(webOffer.indexOf("m=audio"), webOffer.indexOf("m=video"));
            String video = webOffer.substring(webOffer.indexOf("m=video"));
            assertTrue(audio.contains("a=sendonly"), webOffer);
            assertTrue(video.contains("a=inactive"), webOffer);
            call.release();
        }
    }

    @Test
    void webDtmfSentThroughARemoteNodeReachesThePhoneAsTelephoneEvents() throws Exception {
        try (RemoteMediaControl control = control(first.uri());
             java.net.DatagramSocket phone = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            phone.setSoTimeout((int) TIMEOUT.toMillis());
            CallMedia call = control.createCall();
            String imsOffer = call.webOffer(chromeOffer());
            Matcher te = Pattern.compile("a=rtpmap:(\\d+) telephone-event/16000").matcher(imsOffer);
            assertTrue(te.find(), imsOffer);
            int tePt = Integer.parseInt(te.group(1));
            String answer = mtsiAnswer(imsOffer, phone.getLocalPort())
                    .replaceFirst("(m=audio \\d+ RTP/AVP \\d+)", "$1 " + tePt)
                    .replace("a=sendrecv\r\n", "a=rtpmap:" + tePt + " telephone-event/16000\r\na=sendrecv\r\n");
            call.imsAnswer(answer);
            assertTrue(call.sendDtmfToIms('6', 100), "the node's RtpEndpoint took it (sendDtmf)");
            byte[] buf = new byte[1500];
            java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
            do {
                phone.receive(p); // the socket's timeout fails the test when nothing comes
            } while ((buf[1] & 0x7F) != tePt);
            assertEquals(6, buf[12] & 0xFF, "event 6 (RFC 4733 §3.2)");
            call.release();
        }
    }

    @Test
    void imsDigitsTheNodeCannotRelayReachTheCallsListenerFromTheNodesEvents() throws Exception {
        try (RemoteMediaControl control = control(first.uri());
             java.net.DatagramSocket phone = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            CallMedia call = control.createCall();
            java.util.concurrent.BlockingQueue<String> heard = new java.util.concurrent.LinkedBlockingQueue<>();
            call.onImsDtmf((digit, durationMs) -> heard.add(digit + "/" + durationMs));
            String imsOffer = call.webOffer(chromeOffer());
            Matcher te = Pattern.compile("a=rtpmap:(\\d+) telephone-event/16000").matcher(imsOffer);
            assertTrue(te.find(), imsOffer);
            int tePt = Integer.parseInt(te.group(1));
            call.imsAnswer(mtsiAnswer(imsOffer, phone.getLocalPort())
                    .replaceFirst("(m=audio \\d+ RTP/AVP \\d+)", "$1 " + tePt)
                    .replace("a=sendrecv\r\n", "a=rtpmap:" + tePt + " telephone-event/16000\r\na=sendrecv\r\n"));
            int nodePort = Integer.parseInt(imsOffer.replaceAll("(?s).*?m=audio (\\d+) .*", "$1"));
            byte[] packet = new byte[16];
            for (int i = 0; i < 4; i++) { // '8' for 100 ms at 16 kHz, the end packet (E bit) last
                org.webims.interworking.peers.RtpPackets.header(packet, tePt, 10 + i, 16_000, 0x5678);
                packet[12] = 8;
                packet[13] = (byte) (i == 3 ? 0x80 | 10 : 10);
                int duration = i == 3 ? 1600 : 533 * (i + 1);
                packet[14] = (byte) (duration >> 8);
                packet[15] = (byte) duration;
                phone.send(new java.net.DatagramPacket(packet, packet.length,
                        new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), nodePort)));
            }
            // the web leg has no DTLS keys here, so the node could not relay it as telephone-events
            assertEquals("8/100", heard.poll(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
            call.release();
        }
    }

    @Test
    void anOfferTheNodeRefusesIsSdpRejectedWithA399Warning() throws Exception {
        try (RemoteMediaControl control = control(first.uri())) {
            CallMedia call = control.createCall();
            SdpRejectedException e = assertThrows(SdpRejectedException.class, () -> call.webOffer("v=0\r\nnonsense\r\n"));
            assertTrue(e.warning().startsWith("399 webims \""), e.warning());
            assertTrue(e.warning().contains("processOffer") && e.warning().contains("nonsense"),
                    "the node's reason is passed on: " + e.warning());
            call.release();
        }
    }

    @Test
    void newCallsGoToTheLeastLoadedNode() throws Exception {
        try (RemoteMediaControl control = control(first.uri(), second.uri())) {
            CallMedia a = control.createCall();
            CallMedia b = control.createCall();
            assertEquals(List.of(1, 1), control.callsPerNode(), "the second call went to the idle node");
            CallMedia c = control.createCall();
            assertEquals(List.of(2, 1), control.callsPerNode());
            b.release();
            CallMedia d = control.createCall();
            assertEquals(List.of(2, 1), control.callsPerNode(), "the node with fewer calls took the next one");
            for (CallMedia m : List.of(a, c, d)) {
                m.release();
            }
            assertEquals(List.of(0, 0), control.callsPerNode());
        }
    }

    @Test
    void anUnreachableNodeIsSkippedAndNoneReachableIsMediaUnavailable() throws Exception {
        URI nobody = closedPort();
        try (RemoteMediaControl control = control(nobody, second.uri())) {
            CallMedia call = control.createCall();
            assertEquals(List.of(0, 1), control.callsPerNode());
            CallMedia next = control.createCall();
            assertEquals(List.of(0, 2), control.callsPerNode(), "the unreachable node stays skipped");
            call.release();
            next.release();
        }
        try (RemoteMediaControl control = control(nobody)) {
            MediaUnavailableException e = assertThrows(MediaUnavailableException.class, control::createCall);
            assertTrue(e.getMessage().contains(nobody.toString()), e.getMessage());
        }
        try (RemoteMediaControl wrongToken = new RemoteMediaControl(List.of(second.uri()), "not-the-token")) {
            MediaUnavailableException e = assertThrows(MediaUnavailableException.class, wrongToken::createCall);
            assertTrue(e.getMessage().contains("HTTP 401"), "a node refuses a client without its token: " + e.getMessage());
        }
    }

    @Test
    void aKilledNodeEndsItsCallsOnceAndNewCallsGoToTheOthers() throws Exception {
        MediaNodeProcess doomed = MediaNodeProcess.start(TOKEN, START);
        try (RemoteMediaControl control = control(doomed.uri(), second.uri())) {
            BlockingQueue<String> lostOnDoomed = new LinkedBlockingQueue<>();
            BlockingQueue<String> lostOnSecond = new LinkedBlockingQueue<>();
            CallMedia onDoomed = control.createCall(lostOnDoomed::add);
            String imsOffer = onDoomed.webOffer(chromeOffer());
            onDoomed.imsAnswer(mtsiAnswer(imsOffer, 40_002));
            CallMedia onSecond = control.createCall(lostOnSecond::add);
            assertEquals(List.of(1, 1), control.callsPerNode());

            doomed.kill();
            assertEquals(RemoteMediaNode.LOST, lostOnDoomed.poll(30, TimeUnit.SECONDS), "the call on the killed node was told");
            assertEquals(List.of(0, 1), control.callsPerNode());

            CallMedia next = control.createCall(MediaLossListener.IGNORE);
            assertEquals(List.of(0, 2), control.callsPerNode(), "the new call went to the live node");
            String nextOffer = next.webOffer(chromeOffer());
            int port = Integer.parseInt(nextOffer.replaceAll("(?s).*?m=audio (\\d+) .*", "$1"));
            assertTrue(second.ownsPort(port), "media on the live node: " + port);

            onDoomed.release(); // the app releases after the loss: quiet, no wait on a dead node
            onSecond.release();
            next.release();
            assertNull(lostOnDoomed.poll(), "told once");
            assertNull(lostOnSecond.poll(), "calls on the live node were not told");
            assertEquals(List.of(0, 0), control.callsPerNode());
        } finally {
            doomed.kill();
        }
    }

    @Test
    void aNodeThatStopsAnsweringIsFoundByItsPingsAndItsCallsEnd() throws Exception {
        MediaNodeProcess hung = MediaNodeProcess.start(TOKEN, START);
        try (RemoteMediaControl warmUp = control(hung.uri())) {
            warmUp.createCall().release(); // a node's first call is slow (class loading, DTLS key): not in the short timeout
        }
        RemoteMediaTimings quick = new RemoteMediaTimings(Duration.ofSeconds(3), Duration.ofMinutes(5), Duration.ofMillis(300));
        try (RemoteMediaControl control = new RemoteMediaControl(List.of(hung.uri()), TOKEN, quick)) {
            BlockingQueue<String> lost = new LinkedBlockingQueue<>();
            CallMedia call = control.createCall(lost::add);
            hung.freeze();
            assertEquals(RemoteMediaNode.LOST, lost.poll(30, TimeUnit.SECONDS), "the unanswered ping ended the call");
            assertEquals(List.of(0), control.callsPerNode());
            assertThrows(MediaUnavailableException.class, control::createCall, "the hung node is left out");
            call.release();
        } finally {
            hung.kill();
        }
    }

    @Test
    void anIdleConnectionTheNodeClosesIsResumedAndItsCallGoesOn() throws Exception {
        int port = freeEvenPort();
        MediaNodeServer node = MediaNodeServer.start(MediaNodeSettings.loopback(new PortRange(port, port + 39)),
                KurentoServerSettings.defaults().withPort(0).withToken(TOKEN)
                        .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(60)));
        RemoteMediaTimings noPings = new RemoteMediaTimings(TIMEOUT, Duration.ofMinutes(5), Duration.ZERO);
        try (RemoteMediaControl control = new RemoteMediaControl(List.of(node.uri()), TOKEN, noPings)) {
            BlockingQueue<String> lost = new LinkedBlockingQueue<>();
            CallMedia call = control.createCall(lost::add);
            for (int i = 0; i < 200 && control.resumptions() == 0; i++) {
                Thread.sleep(50); // the node closes the silent connection after its idle timeout
            }
            assertEquals(1, control.resumptions(), "the connection the node closed was resumed");
            String imsOffer = call.webOffer(chromeOffer());
            assertTrue(imsOffer.contains("AMR-WB"), imsOffer);
            assertEquals(1, node.node().engine().pipelines().size(), "the call kept its pipeline");
            assertNull(lost.poll(), "a resumed session loses no call");
            call.release();
            assertEquals(0, node.node().engine().pipelines().size());
        } finally {
            node.close();
        }
    }

    @Test
    void pingsKeepAnIdleConnectionOpen() throws Exception {
        int port = freeEvenPort();
        MediaNodeServer node = MediaNodeServer.start(MediaNodeSettings.loopback(new PortRange(port, port + 39)),
                KurentoServerSettings.defaults().withPort(0).withToken(TOKEN)
                        .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(60)));
        RemoteMediaTimings pings = new RemoteMediaTimings(TIMEOUT, Duration.ofMinutes(5), Duration.ofMillis(200));
        try (RemoteMediaControl control = new RemoteMediaControl(List.of(node.uri()), TOKEN, pings)) {
            CallMedia call = control.createCall();
            Thread.sleep(3_000); // three of the node's idle timeouts, each bridged by pings
            assertEquals(0, control.resumptions(), "the node never closed the pinged connection");
            call.release();
            assertEquals(0, node.node().engine().pipelines().size());
        } finally {
            node.close();
        }
    }
}
