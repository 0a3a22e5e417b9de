package org.webims.sip.container.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import javax.servlet.sip.ServletParseException;
import org.junit.jupiter.api.Test;

/**
 * Generated text made of the characters that matter to the SIP grammar: every parse either
 * succeeds or throws ServletParseException, and what succeeds prints as text that parses back
 * to an equal object. A fixed seed keeps failures reproducible.
 */
class ParseRobustnessTest {
    private static final String ALPHABET = "sip:tel+@<>\";,=?&%[]. \t\\abcAF019-*#()/'~\u00e9";
    private static final String[] PREFIXES = {"", "sip:", "sips:", "tel:", "tel:+", "<sip:", "\"", "a <sip:", "urn:"};
    // Pieces of well-formed values, so that many generated strings are valid and get round-tripped.
    private static final String[] PIECES = {"sip:", "sips:", "tel:+1-212", "tel:7005", "urn:x", "alice", "%41", "%zz", "@",
            "example.com", "[2001:db8::1]", ":5060", ";lr", ";transport=tcp", ";user=phone", ";phone-context=example.com",
            "?Subject=hi%20x", "&P=1", "\"Bob \\\" B\" ", "Bob ", "<", ">", ";tag=1", ";q=0.5", ";expires=60", ";x=\"a b\"",
            " ", ";", "=", ",", "*", "text/plain", "(c; d)"};
    private static final int CASES = 20_000;

    @Test
    void generatedUrisParseOrFailWithServletParseException() {
        forEachGenerated(1, text -> {
            javax.servlet.sip.URI uri = JainURIs.parse(text);
            javax.servlet.sip.URI again = JainURIs.parse(uri.toString());
            assertEquals(uri, again, () -> "round trip of " + text);
            assertEquals(uri.toString(), again.toString(), () -> "round trip of " + text);
        });
    }

    @Test
    void generatedAddressesParseOrFailWithServletParseException() {
        forEachGenerated(2, text -> {
            JainAddress address = JainAddress.parse(text);
            JainAddress again = JainAddress.parse(address.toString());
            assertEquals(address, again, () -> "round trip of " + text);
            assertEquals(address.toString(), again.toString(), () -> "round trip of " + text);
            assertEquals(address, JainAddress.parse(address.backingHeader().getHeaderValue()), () -> "wire form of " + text);
        });
    }

    @Test
    void generatedParameterablesParseOrFailWithServletParseException() {
        forEachGenerated(3, text -> {
            JainParameterable value = JainParameterable.parse(text);
            JainParameterable again = JainParameterable.parse(value.toString());
            assertEquals(value, again, () -> "round trip of " + text);
            assertEquals(value.toString(), again.toString(), () -> "round trip of " + text);
        });
    }

    private interface Check {
        void run(String text) throws ServletParseException;
    }

    private static void forEachGenerated(long seed, Check check) {
        Random random = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            StringBuilder text = new StringBuilder(PREFIXES[random.nextInt(PREFIXES.length)]);
            int length = random.nextInt(i % 2 == 0 ? 24 : 8);
            for (int j = 0; j < length; j++) {
                if (i % 2 == 0) {
                    text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                } else {
                    text.append(PIECES[random.nextInt(PIECES.length)]);
                }
            }
            try {
                check.run(text.toString());
            } catch (ServletParseException expected) {
                // refused with the checked exception: what the API promises for bad input
            } catch (RuntimeException e) {
                fail("\"" + text + "\" threw " + e, e);
            }
        }
    }
}
