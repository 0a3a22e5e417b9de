package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.ThreadAffinityTask;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.text.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses one framed message from a stream and hands it to the stack, on the stack's worker
 * thread for its Call-ID (the thread JAIN-SIP's own stream parser would use), never on the
 * selector thread. A message that does not parse is answered with 400 naming what is wrong.
 */
final class MessageDispatch implements ThreadAffinityTask {
    private static final Logger LOG = LoggerFactory.getLogger(MessageDispatch.class);

    /** The channel a message came on. */
    interface Origin extends ParseExceptionListener {
        SIPTransactionStack stack();

        InboundLimits limits();

        /** Hands a parsed message to the stack (the channel's processMessage). */
        void deliver(SIPMessage message) throws Exception;

        /** Sends {@code bytes} to the peer after what is already queued. */
        void answer(byte[] bytes);

        /** The message handed over has been dealt with (answered, or given to the stack). */
        default void done() {
        }
    }

    private final Origin origin;
    private final byte[] bytes;
    private final String callId;

    private MessageDispatch(Origin origin, byte[] bytes, String callId) {
        this.origin = origin;
        this.bytes = bytes;
        this.callId = callId;
    }

    static void submit(Origin origin, byte[] bytes, String callId) {
        origin.stack().getSelfRoutingThreadpoolExecutor().execute(new MessageDispatch(origin, bytes, callId));
    }

    @Override
    public Object getThreadHash() {
        return callId;
    }

    @Override
    public void run() {
        try {
            parseAndDeliver();
        } finally {
            origin.done();
        }
    }

    private void parseAndDeliver() {
        SIPMessage message;
        try {
            message = origin.stack().getMessageParserFactory().createMessageParser(origin.stack())
                    .parseSIPMessage(bytes, true, false, origin);
        } catch (ParseException e) {
            refuse(e);
            return;
        }
        if (message == null) {
            return;
        }
        try {
            origin.deliver(message);
        } catch (Exception e) {
            LOG.atDebug().addKeyValue("callId", callId).setCause(e).log("stack refused a stream message");
        }
    }

    private void refuse(ParseException e) {
        HeaderBlockScanner scanner = new HeaderBlockScanner(origin.limits()); // a rare path: allocate here
        scanner.scan(bytes, 0, bytes.length, HeaderBlockScanner.Mode.DATAGRAM);
        Defect defect = Defect.badRequest(Defect.printable(e.getMessage()));
        byte[] answer = RawErrorResponse.to(scanner, bytes, defect);
        LOG.atDebug().addKeyValue("callId", callId).addKeyValue("reason", defect.reason())
                .addKeyValue("answered", answer != null).log("stream message did not parse");
        if (answer != null) {
            origin.answer(answer);
        }
    }
}
