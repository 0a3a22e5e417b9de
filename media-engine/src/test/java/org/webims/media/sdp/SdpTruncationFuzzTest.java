package org.webims.media.sdp;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cut or damaged real SDPs either parse or fail with an SdpParseException carrying a line:
 * no other exception escapes the parser. Seeded, so a failure repeats.
 */
class SdpTruncationFuzzTest {

    private static final char[] NOISE = {' ', ':', '/', '=', '\r', '\n', '\u0000', 'a', '0', '9', '.', '-', '*',
            ';', '\u00e9', '\uffff', '|', '^', '"'};

    @ParameterizedTest
    @ValueSource(strings = {SdpFixtures.CHROME_OFFER, SdpFixtures.JSSIP_OFFER, SdpFixtures.MTSI_VOLTE_OFFER,
            SdpFixtures.MTSI_VIDEO_OFFER, SdpFixtures.SDES_OFFER})
    void randomTruncationOnlyEverThrowsSdpParseException(String fixture) {
        String wire = SdpFixtures.crlf(fixture);
        Random random = new Random(fixture.hashCode());
        for (int i = 0; i < 400; i++) {
            parseOrParseException(wire.substring(0, random.nextInt(wire.length() + 1)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {SdpFixtures.CHROME_OFFER, SdpFixtures.MTSI_VOLTE_OFFER, SdpFixtures.SDES_OFFER})
    void randomDamageOnlyEverThrowsSdpParseException(String fixture) {
        String wire = SdpFixtures.crlf(fixture);
        Random random = new Random(31L * fixture.hashCode());
        for (int i = 0; i < 1500; i++) {
            StringBuilder b = new StringBuilder(wire);
            int edits = 1 + random.nextInt(4);
            for (int k = 0; k < edits && b.length() > 0; k++) {
                int at = random.nextInt(b.length());
                switch (random.nextInt(3)) {
                    case 0 -> b.deleteCharAt(at);
                    case 1 -> b.setCharAt(at, NOISE[random.nextInt(NOISE.length)]);
                    default -> b.insert(at, NOISE[random.nextInt(NOISE.length)]);
                }
            }
            parseOrParseException(b.toString());
        }
    }

    private static void parseOrParseException(String text) {
        try {
            SessionDescription sd = new SdpParser().parse(text);
            SdpWriter.write(sd);
        } catch (SdpParseException e) {
            assertTrue(e.lineNumber() >= 1, "a document fault names its line: " + e.getMessage());
        } catch (RuntimeException e) {
            fail("unchecked " + e + " for:\n" + text, e);
        }
    }
}
