package org.webims.testims.sip;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JAIN-SIP stack properties every stack of the test side uses (agents, the test IMS core,
 * IMS user agents), so that several of them share one JVM with the gateway.
 */
public final class TestStackProperties {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private TestStackProperties() {
    }

    /**
     * A uniquely named stack on the default blocking message processors: two NIO stacks in one
     * JVM (the gateway's and a test's) mix up their TCP connection caches. Dialogs are made by
     * the stack only when {@code automaticDialogs} (user agents); proxies keep them off.
     */
    public static Properties blocking(String namePrefix, boolean automaticDialogs) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", namePrefix + "-" + SEQUENCE.incrementAndGet());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", automaticDialogs ? "on" : "off");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", "org.webims.sip.stack.Slf4jStackLogger");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        return p;
    }
}
