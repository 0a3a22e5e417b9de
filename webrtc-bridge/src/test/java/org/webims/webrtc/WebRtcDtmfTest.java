package org.webims.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.media.endpoint.rtp.DtmfReceived;
import org.webims.media.endpoint.rtp.RtpEndpoint;
import org.webims.media.endpoint.rtp.RtpEndpointContext;
import org.webims.media.endpoint.rtp.RtpEndpointSettings;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.rtp.RtpHeaderWriter;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.payload.dtmf.TelephoneEvent;

/**
 * RFC 4733 between a scripted WebRTC peer (real ICE check and DTLS-SRTP) and a plain RTP phone
 * through WebRtcEndpoint -> RtpEndpoint: the browser's telephone-events raise one event and reach
 * the phone at the phone's clock rate; sendDtmf reaches the browser as SRTP telephone-events.
 */
class WebRtcDtmfTest {

    static final int PHONE_TE = 100;

    BrowserBed bed;
    WebRtcEndpoint webrtc;
    RtpEndpoint ims;
    ScriptedBrowser browser;
    DatagramChannel phone;
    int browserTe;
    final byte[] buffer = new byte[1500];
    final RtpHeaderWriter header = new RtpHeaderWriter();

    @BeforeEach
    void connect() throws Exception {
        bed = new BrowserBed(FormatAdapterFactory.NONE);
        MediaPipeline pipeline = bed.pipeline();
        webrtc = bed.webRtcEndpoint(pipeline);
        ims = new RtpEndpoint(pipeline, RtpEndpointContext.of(bed.ports, bed.loop), RtpEndpointSettings.defaults());
        webrtc.connect(ims);
        ims.connect(webrtc);

        phone = DatagramChannel.open().bind(new InetSocketAddress(BrowserBed.LOOPBACK, 0));
        phone.socket().setSoTimeout(200);
        int phonePort = ((InetSocketAddress) phone.getLocalAddress()).getPort();
        ims.processOffer("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + phonePort + " RTP/AVP 97 " + PHONE_TE + "\r\na=rtpmap:97 AMR-WB/16000\r\n"
                + "a=fmtp:97 octet-align=1\r\na=rtpmap:" + PHONE_TE + " telephone-event/16000\r\na=fmtp:"
                + PHONE_TE + " 0-15\r\na=rtcp-mux\r\na=sendrecv\r\n");

        browser = new ScriptedBrowser();
        String answer = bed.connectScripted(webrtc, browser);
        browserTe = Integer.parseInt(find(answer, "a=rtpmap:(\\d+) telephone-event/48000"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (phone != null) {
            phone.close();
        }
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void browserTelephoneEventsRaiseOneEventAndReachThePhoneAtItsClockRate() throws Exception {
        for (int i = 0; i < 7; i++) { // '*' for 80 ms at 48 kHz: 4 updates, then the end packet three times
            boolean end = i >= 4;
            int h = header.payloadType(browserTe).sequenceNumber(100 + i).timestamp(96_000).ssrc(0x0b0e0002)
                    .marker(i == 0).write(buffer, 0);
            TelephoneEvent.write(buffer, h, TelephoneEvent.STAR, end, 10, end ? 3840 : 960 * (i + 1));
            browser.sendRtp(buffer, h + TelephoneEvent.LENGTH);
        }
        DtmfReceived heard = bed.awaitEvent(DtmfReceived.class, e -> e.element() == webrtc);
        assertEquals('*', heard.digit());
        assertEquals(80, heard.durationMs());
        assertEquals(1, heard.relayed(), "the RTP endpoint took it");

        List<int[]> atPhone = new ArrayList<>(); // {event, end, duration}
        while (atPhone.isEmpty() || atPhone.get(atPhone.size() - 1)[1] == 0 || atPhone.size() < 7) {
            atPhone.add(nextEventAtPhone());
        }
        int[] last = atPhone.get(atPhone.size() - 1);
        assertEquals(TelephoneEvent.STAR, last[0]);
        assertEquals(1280, last[2], "80 ms in telephone-event/16000 units");
        assertEquals(1L, webrtc.dtmfStats().get("audio.dtmfEvents"));
    }

    @Test
    void sendDtmfReachesTheBrowserAsSrtpTelephoneEvents() throws Exception {
        assertTrue(webrtc.sendDtmf('3', 60));
        List<ScriptedBrowser.Rtp> train = new ArrayList<>();
        for (int i = 0; i < 3 + 3; i++) { // 60 ms: updates at 20, 40, 60 ms, then three end packets
            train.add(browser.next(r -> r.payloadType() == browserTe));
        }
        for (int i = 0; i < train.size(); i++) {
            byte[] p = train.get(i).payload();
            assertEquals(3, TelephoneEvent.event(p, 0));
            assertEquals(i >= 3, TelephoneEvent.end(p, 0));
            assertEquals(i >= 3 ? 2880 : 960 * (i + 1), TelephoneEvent.duration(p, 0), "48 kHz units");
            assertEquals((train.get(0).sequenceNumber() + i) & 0xFFFF, train.get(i).sequenceNumber());
        }
    }

    /** {event, end (1/0), duration} of the next telephone-event packet the phone receives. */
    private int[] nextEventAtPhone() throws Exception {
        long deadline = System.nanoTime() + BrowserBed.MEDIA_WAIT.toNanos();
        java.net.DatagramPacket in = new java.net.DatagramPacket(new byte[2048], 2048);
        RtpPacket p = new RtpPacket();
        while (System.nanoTime() < deadline) {
            try {
                phone.socket().receive(in);
            } catch (SocketTimeoutException e) {
                continue;
            }
            if (!p.wrap(in.getData(), 0, in.getLength()) || p.payloadType() != PHONE_TE) {
                continue; // RTCP on the muxed port, or audio
            }
            int at = p.payloadOffset();
            return new int[] {TelephoneEvent.event(in.getData(), at), TelephoneEvent.end(in.getData(), at) ? 1 : 0,
                    TelephoneEvent.duration(in.getData(), at)};
        }
        throw new AssertionError("no telephone-event reached the phone");
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in " + text);
        return m.group(1);
    }
}
