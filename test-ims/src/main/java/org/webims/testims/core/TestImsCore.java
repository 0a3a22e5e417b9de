package org.webims.testims.core;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sip.address.SipURI;
import org.webims.testims.core.hss.HssProfile;
import org.webims.testims.core.pcscf.Pcscf;
import org.webims.testims.core.proxy.ProxyCore;
import org.webims.testims.core.scscf.Scscf;

/**
 * A test IMS core in one process: a P-CSCF and an S-CSCF, each a JAIN-SIP proxy on its own UDP
 * port, serving the subscribers of an HSS profile. UEs register and send their requests to
 * {@link #pcscfUri()}; ASs named in the iFCs are reached over ISC from the S-CSCF.
 */
public final class TestImsCore implements AutoCloseable {
    private final ScheduledExecutorService timers;
    private final ProxyCore scscfProxy;
    private final ProxyCore pcscfProxy;
    private final Scscf scscf;

    /**
     * @param host              the address both listen on (127.0.0.1 in tests)
     * @param asResponseTimeout how long the S-CSCF waits for an AS's first response before the
     *                          iFC's default handling applies
     */
    public TestImsCore(HssProfile hss, String host, int pcscfPort, int scscfPort, Duration asResponseTimeout)
            throws Exception {
        timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "test-ims-timers");
            t.setDaemon(true);
            return t;
        });
        Scscf[] created = new Scscf[1];
        ProxyCore s = null;
        try {
            s = new ProxyCore("scscf", host, scscfPort, proxy -> created[0] =
                    new Scscf(proxy, hss, Duration.ofMinutes(5), asResponseTimeout, timers));
            SipURI scscfUri = s.uri(null);
            pcscfProxy = new ProxyCore("pcscf", host, pcscfPort, proxy -> new Pcscf(proxy, scscfUri, hss.domain()));
        } catch (Exception e) {
            if (s != null) {
                s.close();
            }
            timers.shutdownNow();
            throw e;
        }
        scscfProxy = s;
        scscf = created[0];
    }

    /** The P-CSCF's URI, the outbound proxy of UEs: {@code sip:host:port;lr}. */
    public SipURI pcscfUri() {
        return pcscfProxy.uri(null);
    }

    public SipURI scscfUri() {
        return scscfProxy.uri(null);
    }

    public Scscf scscf() {
        return scscf;
    }

    @Override
    public void close() {
        // the two proxies share nothing; each JAIN-SIP stop waits a fixed second, so stop them side by side
        Thread scscfClosing = new Thread(scscfProxy::close, "close-scscf");
        scscfClosing.start();
        pcscfProxy.close();
        try {
            scscfClosing.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
    }
}
