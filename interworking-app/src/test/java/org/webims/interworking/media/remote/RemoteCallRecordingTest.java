package org.webims.interworking.media.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.ims.profile.Leg;
import org.webims.interworking.media.CallMedia;
import org.webims.interworking.peers.Ffprobe;
import org.webims.interworking.peers.MediaNodeProcess;
import org.webims.interworking.peers.RtpPackets;
import org.webims.media.recording.ContainerProfile;

/** A call leg recorded on a remote media node through Kurento's RecorderEndpoint, the node in its own JVM. */
class RemoteCallRecordingTest {
    private static final String TOKEN = "recording-node";
    private static final int FRAMES = 100;

    static MediaNodeProcess node;

    @TempDir
    Path dir;

    @BeforeAll
    static void startNode() throws Exception {
        node = MediaNodeProcess.start(TOKEN, Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void imsLegRecordedOnTheNodeIsAnAmrWbFileAsLongAsTheMediaSent() throws Exception {
        Path file = dir.resolve("call-ims.mp4");
        try (RemoteMediaControl control = new RemoteMediaControl(List.of(node.uri()), TOKEN,
                new RemoteMediaTimings(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(30)));
             DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            CallMedia call = control.createCall();
            String imsOffer = call.webOffer(RemoteMediaControlTest.chromeOffer());
            int pt = RtpPackets.octetAlignedAmrWb(imsOffer);
            call.imsAnswer("v=0\r\no=ims-ue 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio " + phone.getLocalPort() + " RTP/AVP " + pt + "\r\na=rtpmap:" + pt + " AMR-WB/16000/1\r\n"
                    + "a=fmtp:" + pt + " octet-align=1\r\na=sendrecv\r\n" + "m=video 0 RTP/AVP 96\r\n");
            call.record(Leg.IMS, file, ContainerProfile.MP4);
            int port = Integer.parseInt(imsOffer.replaceAll("(?s).*?m=audio (\\d+) .*", "$1"));
            byte[] packet = new byte[RtpPackets.AMR_WB_PACKET];
            Random bits = new Random(4867);
            long next = System.nanoTime();
            for (int i = 0; i < FRAMES; i++) {
                RtpPackets.header(packet, pt, i, i * 320L, 0x0a0b0c0d);
                RtpPackets.amrWbPayload(packet, bits);
                phone.send(new DatagramPacket(packet, packet.length, InetAddress.getLoopbackAddress(), port));
                next += 20_000_000L;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            call.release();
        }
        OptionalDouble duration = OptionalDouble.empty();
        for (int i = 0; i < 100 && duration.isEmpty(); i++) {
            duration = Files.exists(file) ? Ffprobe.duration(file) : OptionalDouble.empty();
            if (duration.isEmpty()) {
                Thread.sleep(100);
            }
        }
        assertTrue(duration.isPresent(), "ffprobe reads " + file + "; node output: " + node.output());
        assertEquals(FRAMES * 0.020, duration.getAsDouble(), 0.3, "the file as long as the media sent");
        assertEquals("amr_wb", Ffprobe.codecs(file));
    }
}
