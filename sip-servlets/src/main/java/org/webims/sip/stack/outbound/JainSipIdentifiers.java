package org.webims.sip.stack.outbound;

import gov.nist.javax.sip.Utils;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * JAIN-SIP's own source of branches and Call-IDs ({@code Utils.getInstance()}), answering with
 * {@link Identifiers}: the stack draws a branch for every client transaction it creates (and
 * throws it away when the request has one), for every ACK to a 2xx, and for requests without one,
 * each an MD5 digest under a lock. Tags and the rest stay JAIN-SIP's.
 */
final class JainSipIdentifiers extends Utils {
    /** {@code Utils.instance}: the one JAIN-SIP 1.3 hands out; not final, private. */
    private static final VarHandle INSTANCE;

    static {
        try {
            INSTANCE = MethodHandles.privateLookupIn(Utils.class, MethodHandles.lookup())
                    .findStaticVarHandle(Utils.class, "instance", Utils.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e); // a JAIN-SIP other than the one we build against
        }
    }

    private JainSipIdentifiers() {
    }

    /** Makes JAIN-SIP draw its branches and Call-IDs from {@link Identifiers} (once per JVM; idempotent). */
    static void install() {
        if (!(Utils.getInstance() instanceof JainSipIdentifiers)) {
            INSTANCE.setVolatile(new JainSipIdentifiers());
        }
    }

    @Override
    public String generateBranchId() {
        return Identifiers.branch();
    }

    @Override
    public String generateCallIdentifier(String address) {
        return Identifiers.callId(address);
    }
}
