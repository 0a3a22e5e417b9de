package org.webims.testims.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sip.message.Response;
import org.webims.gateway.demo.DemoIms;
import org.webims.gateway.demo.DemoImsProvider;
import org.webims.testims.core.TestImsCore;
import org.webims.testims.ua.ImsIdentity;
import org.webims.testims.ua.ImsUaOptions;
import org.webims.testims.ua.ImsUserAgent;

/**
 * The demo IMS network {@code bin/gateway} starts beside the gateway (demo.ims in
 * conf/gateway.conf): the test IMS core on the configured loopback ports and two registered test
 * users, {@code echo} and {@code announcement}. Found by the gateway through
 * {@link java.util.ServiceLoader} (META-INF/services).
 */
public final class DemoNetwork implements DemoImsProvider {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DemoNetwork.class);
    static final String ECHO = "echo";
    static final String ANNOUNCEMENT = "announcement";
    /** The announcement's tone: A4, distinct from Chromium's 400 Hz fake microphone beep. */
    static final double ANNOUNCEMENT_HZ = 440;
    private static final Duration REGISTER_WAIT = Duration.ofSeconds(10);

    @Override
    public DemoIms start(Settings settings) throws Exception {
        if (!settings.scscfHost().equals(settings.pcscfHost())) {
            throw new IllegalArgumentException("the test IMS core listens on one address; S-CSCF and P-CSCF differ");
        }
        TestImsCore core = new TestImsCore(DemoHss.of(settings.domain(), List.of(ECHO, ANNOUNCEMENT),
                settings.webImpus(), settings.asUri()), settings.scscfHost(), settings.pcscfPort(),
                settings.scscfPort(), Duration.ofSeconds(5));
        Running running = new Running(core);
        try {
            String domain = settings.domain();
            running.answerers.add(TestUserAnswerer.echo(running.user(ECHO, domain,
                    ImsUaOptions.defaults().withVideo(true))));
            running.answerers.add(TestUserAnswerer.tone(running.user(ANNOUNCEMENT, domain, ImsUaOptions.defaults()),
                    ANNOUNCEMENT_HZ));
            running.users.add(new DemoIms.User("sip:" + ECHO + "@" + domain, "echo: answers and sends back what it hears and sees"));
            running.users.add(new DemoIms.User("sip:" + ANNOUNCEMENT + "@" + domain,
                    "announcement: answers with a " + (int) ANNOUNCEMENT_HZ + " Hz tone"));
        } catch (Exception e) {
            running.close();
            throw e;
        }
        return running;
    }

    private static final class Running implements DemoIms {
        private final TestImsCore core;
        private final List<ImsUserAgent> agents = new ArrayList<>();
        private final List<TestUserAnswerer> answerers = new ArrayList<>();
        private final List<User> users = new ArrayList<>();

        Running(TestImsCore core) {
            this.core = core;
        }

        ImsUserAgent user(String name, String domain, ImsUaOptions options) throws Exception {
            ImsUserAgent ua = new ImsUserAgent(new ImsIdentity("sip:" + name + "@" + domain, name + "@" + domain,
                    name + "-secret", domain), core.pcscfUri(), options);
            agents.add(ua);
            Response r = ua.register(3600, REGISTER_WAIT);
            if (r.getStatusCode() != Response.OK) {
                throw new IllegalStateException(name + " could not register with the test IMS core: "
                        + r.getStatusCode() + " " + r.getReasonPhrase());
            }
            return ua;
        }

        @Override
        public List<User> users() {
            return List.copyOf(users);
        }

        /** Stops the SIP stacks side by side: each JAIN-SIP stack takes a while to stop, and the gateway's stop has a grace period. */
        @Override
        public void close() {
            answerers.forEach(TestUserAnswerer::close);
            List<Thread> stopping = new ArrayList<>();
            for (AutoCloseable part : closeables()) {
                Thread t = new Thread(() -> {
                    try {
                        part.close();
                    } catch (Exception e) {
                        LOG.atDebug().setCause(e).log("demo IMS part did not close cleanly");
                    }
                }, "demo-ims-stop");
                t.start();
                stopping.add(t);
            }
            for (Thread t : stopping) {
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private List<AutoCloseable> closeables() {
            List<AutoCloseable> parts = new ArrayList<>(agents);
            parts.add(core);
            return parts;
        }
    }
}
