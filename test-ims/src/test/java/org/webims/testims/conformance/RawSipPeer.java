package org.webims.testims.conformance;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.io.IOException;
import java.time.Duration;

/**
 * A SIP peer that sends bytes exactly as given and hands back what the server answers, parsed by
 * JAIN-SIP. Torture messages must reach the server byte-exact, so no SIP stack builds them.
 */
interface RawSipPeer extends AutoCloseable {
    /** How the peer names itself in a Via it writes (transport token, host, port). */
    String viaSentBy();

    String transportToken();

    void send(byte[] message) throws IOException;

    /** The next message the server sent, or null if none came within {@code timeout} or the server closed. */
    SIPMessage receive(Duration timeout) throws Exception;

    /** True once the server has closed the connection (never for UDP). */
    boolean closedByServer();

    @Override
    void close();

    static SIPMessage parse(byte[] bytes) throws java.text.ParseException {
        return new StringMsgParser().parseSIPMessage(bytes, true, false, null);
    }
}
