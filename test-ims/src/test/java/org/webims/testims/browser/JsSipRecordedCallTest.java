package org.webims.testims.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.media.filetest.FfprobeReport;
import org.webims.testims.ua.ImsCall;
import org.webims.testims.ua.ImsUaOptions;
import org.webims.testims.ua.ImsUserAgent;
import org.webims.testims.ua.media.ToneSource;
import org.webims.webrtc.browser.HeadlessChromium;

/**
 * Both legs of a JsSIP call recorded as the deployed carrier profile says: the shipped plain VoLTE
 * profile with its recording element set to both legs (WebM for the web leg, MP4 for the IMS leg)
 * and its page origins left out (the test page's port is random). The files are read by ffprobe.
 */
class JsSipRecordedCallTest {
    private static final double UA_TONE_HZ = 1000;
    /** Inbound audio packets the page must have had before hanging up: 3 s of 20 ms Opus. */
    private static final int PACKETS_BEFORE_HANGUP = 150;

    @TempDir
    static Path dir;
    private static JsSipBed bed;
    private static ImsUserAgent bob;
    private static Path recordings;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "needs Debian's chromium (bin/setup)");
        recordings = Files.createDirectories(dir.resolve("recordings"));
        String plain = Files.readString(Path.of("../conf/profiles/volte-plain.xml"), StandardCharsets.UTF_8);
        String recordingBoth = plain
                .replace("<recording legs=\"none\"/>", "<recording legs=\"both\" web-format=\"webm\" ims-format=\"mp4\" folder=\""
                        + recordings + "\"/>")
                .replaceAll("(?m)^\\s*<allowed-origin>[^<]*</allowed-origin>\\s*\\n", "");
        assertTrue(recordingBoth.contains("legs=\"both\"") && !recordingBoth.contains("<allowed-origin>"), recordingBoth);
        Path profile = Files.writeString(dir.resolve("volte-recorded.xml"), recordingBoth);
        bed = new JsSipBed(dir, List.of("--interworking.carrier-profile=" + profile), "bob");
        bob = bed.imsUser("bob", ImsUaOptions.defaults());
        bed.registeredBrowser();
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void bothLegsOfABrowserCallAreRecordedAsTheProfileSaysAndFfprobeReadsThem() throws Exception {
        bed.browserCalls("sip:bob@" + JsSipBed.DOMAIN);
        ImsCall call = bob.awaitIncomingCall(JsSipBed.WAIT);
        assertNotNull(call, "the IMS UA got no INVITE");
        call.awaitAck(JsSipBed.WAIT);
        call.media().start(new ToneSource(UA_TONE_HZ, -6, Beep.RATE));
        JsonNode page = bed.page(s -> s.path("audioPackets").asLong() >= PACKETS_BEFORE_HANGUP);
        assertTrue(page.path("audioPackets").asLong() >= PACKETS_BEFORE_HANGUP, "the UA's audio reaches the page: " + page);
        assertTrue(JsSipBed.eventually(() -> call.media().receivedAudio().samples().length >= 3 * 16_000),
                "the browser's audio reaches the UA");
        bed.browserHangsUp();
        JsonNode ended = bed.session(s -> "ended".equals(s.path("call").asText()));
        assertEquals("ended", ended.path("call").asText(), ended.toString());

        // the recorders finalize their files once the call's media is released
        FfprobeReport web = finished(".webm");
        FfprobeReport ims = finished(".mp4");
        assertEquals("opus", web.stream("audio").codecName(), "the browser's Opus, recorded without decoding");
        assertEquals("amr_wb", ims.stream("audio").codecName(), "the IMS side's AMR-WB");
        for (FfprobeReport file : List.of(web, ims)) {
            assertTrue(file.durationSeconds() >= 2.5 && file.durationSeconds() < 120,
                    "each file lasts about as long as the call: " + file.durationSeconds() + " s");
        }
    }

    /** The one recording ending in {@code suffix}, once ffprobe reads a duration from it. */
    private static FfprobeReport finished(String suffix) throws Exception {
        Path file = null;
        FfprobeReport report = null;
        String lastError = "";
        for (int i = 0; i < 200 && !readable(report); i++) {
            file = only(suffix);
            try {
                report = file == null ? null : FfprobeReport.of(file);
            } catch (AssertionError stillWritten) {
                lastError = stillWritten.getMessage();
            }
            if (!readable(report)) {
                Thread.sleep(100);
            }
        }
        assertNotNull(file, "a " + suffix + " recording in " + listing());
        assertTrue(readable(report), "ffprobe reads " + file + ": " + listing() + " " + lastError);
        return report;
    }

    private static boolean readable(FfprobeReport report) {
        return report != null && report.durationSeconds() > 0;
    }

    private static Path only(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(recordings)) {
            List<Path> matching = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
            assertTrue(matching.size() <= 1, "one " + suffix + " file per call: " + matching);
            return matching.isEmpty() ? null : matching.get(0);
        }
    }

    private static List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(recordings)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
