package org.webims.sip.stack.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.Utils;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void branchesCarryTheMagicCookieAndJainSipsSignatureAndDoNotRepeat() throws ParseException {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String branch = Identifiers.branch();
            assertTrue(branch.matches("z9hG4bK-" + Utils.getSignature() + "-[0-9a-f]{32}"), branch); // RFC 3261 §8.1.1.7
            assertTrue(seen.add(branch), "repeated branch " + branch);
        }
        SIPResponse response = ((SIPRequest) parse(request(";branch=" + Identifiers.branch()))).createResponse(200);
        assertTrue(Utils.getInstance().responseBelongsToUs(response), "JAIN-SIP takes a response to our branch for ours");
    }

    @Test
    void callIdsAreHexAtTheHostAndDoNotRepeat() throws ParseException {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String callId = Identifiers.callId("127.0.0.1");
            assertTrue(callId.matches("[0-9a-f]{32}@127\\.0\\.0\\.1"), callId);
            assertTrue(seen.add(callId), "repeated Call-ID " + callId);
        }
        CallID header = new CallID();
        header.setCallId(Identifiers.callId("192.0.2.7"));
        assertTrue(header.encode().startsWith("Call-ID: "));
    }

    @Test
    void brandsATopViaWithoutABranchOrWithoutTheMagicCookieOnly() throws ParseException {
        SIPRequest none = (SIPRequest) parse(request(""));
        Identifiers.brandTopVia(none);
        assertTrue(none.getTopmostVia().getBranch().startsWith("z9hG4bK-" + Utils.getSignature() + "-"));

        SIPRequest rfc2543 = (SIPRequest) parse(request(";branch=1234"));
        Identifiers.brandTopVia(rfc2543);
        assertNotEquals("1234", rfc2543.getTopmostVia().getBranch(), "JAIN-SIP's provider replaces such a branch too");

        SIPRequest own = (SIPRequest) parse(request(";branch=z9hG4bK-kept"));
        Identifiers.brandTopVia(own);
        assertEquals("z9hG4bK-kept", own.getTopmostVia().getBranch(), "a CANCEL keeps its INVITE's branch");
    }

    @Test
    void jainSipsOwnBranchesAndCallIdsComeFromHereOnceInstalled() {
        Identifiers.useInJainSip();
        Identifiers.useInJainSip(); // a second stack in the same JVM changes nothing
        String prefix = "z9hG4bK-" + Utils.getSignature() + "-";
        String branch = Utils.getInstance().generateBranchId();
        assertTrue(branch.matches(java.util.regex.Pattern.quote(prefix) + "[0-9a-f]{32}"), branch);
        assertTrue(Utils.getInstance().generateCallIdentifier("192.0.2.7").matches("[0-9a-f]{32}@192\\.0\\.2\\.7"));
    }

    private static String request(String branch) {
        return "BYE sip:bob@127.0.0.1:5062 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5060" + branch + "\r\n"
                + "From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:b@127.0.0.1>;tag=2\r\nCall-ID: c1@127.0.0.1\r\n"
                + "CSeq: 2 BYE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    }

    private static Object parse(String text) throws ParseException {
        return new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
    }
}
