package org.webims.testims.demo;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.testims.ua.ImsCall;
import org.webims.testims.ua.ImsUserAgent;
import org.webims.testims.ua.media.AudioSource;
import org.webims.testims.ua.media.EchoSource;
import org.webims.testims.ua.media.ToneSource;

/**
 * Starts the media of every call a demo test user answers (the UA answers by itself): the echo
 * sends back what it hears, the announcement plays a tone. One thread waits for calls, each
 * call's start runs on a worker.
 */
final class TestUserAnswerer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TestUserAnswerer.class);
    private static final Duration ACK_WAIT = Duration.ofSeconds(32); // RFC 3261 §13.3.1.4: 64*T1

    private final ImsUserAgent agent;
    private final Function<ImsCall, AudioSource> media;
    private final Thread waiter;
    private final ExecutorService calls;
    private volatile boolean running = true;

    private TestUserAnswerer(ImsUserAgent agent, String name, Function<ImsCall, AudioSource> media) {
        this.agent = agent;
        this.media = media;
        this.calls = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "demo-" + name + "-call");
            t.setDaemon(true);
            return t;
        });
        this.waiter = new Thread(this::run, "demo-" + name);
        this.waiter.setDaemon(true);
    }

    /** Sends back the audio each call brings (as AMR-WB) and its H.264 video, packet by packet. */
    static TestUserAnswerer echo(ImsUserAgent agent) {
        TestUserAnswerer a = new TestUserAnswerer(agent, "echo", call -> new EchoSource());
        a.waiter.start();
        return a;
    }

    /** Plays a continuous tone of {@code hz} on each call. */
    static TestUserAnswerer tone(ImsUserAgent agent, double hz) {
        TestUserAnswerer a = new TestUserAnswerer(agent, "announcement", call -> new ToneSource(hz, -10, 16_000));
        a.waiter.start();
        return a;
    }

    private void run() {
        while (running) {
            try {
                ImsCall call = agent.awaitIncomingCall(Duration.ofMillis(500));
                if (call != null) {
                    calls.execute(() -> start(call));
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void start(ImsCall call) {
        try {
            call.awaitAck(ACK_WAIT);
            AudioSource source = media.apply(call);
            call.media().start(source, source instanceof EchoSource);
            if (source instanceof EchoSource echo) {
                echo.echo(call.media().receivedAudio());
            }
        } catch (Exception e) {
            LOG.atDebug().addKeyValue("user", agent.identity().impu()).setCause(e).log("demo call without media");
        }
    }

    @Override
    public void close() {
        running = false;
        waiter.interrupt();
        calls.shutdownNow();
    }
}
