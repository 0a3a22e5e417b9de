package org.webims.gateway;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.gateway.config.ConfigException;
import org.webims.gateway.config.GatewayConfigLoader;
import org.webims.gateway.config.GatewaySettings;
import sun.misc.Signal;

/**
 * {@code bin/gateway}: loads the configuration, starts the gateway and runs until SIGTERM or
 * SIGINT. Exit codes: 0 stopped cleanly, 1 could not start, 2 bad configuration.
 */
public final class GatewayMain {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);
    public static final int EXIT_OK = 0;
    public static final int EXIT_START_FAILED = 1;
    public static final int EXIT_BAD_CONFIG = 2;

    private GatewayMain() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args)));
    }

    static int run(List<String> args) {
        if (args.contains("--help") || args.contains("-h")) {
            System.out.println("usage: bin/gateway [--config FILE] [--key=value ...]\n"
                    + "settings and their defaults: conf/gateway.conf");
            return EXIT_OK;
        }
        GatewaySettings settings;
        try {
            settings = GatewaySettings.from(new GatewayConfigLoader(System.getenv()).load(args));
        } catch (ConfigException e) {
            System.err.println("webims: configuration error: " + e.getMessage());
            return EXIT_BAD_CONFIG;
        }

        CountDownLatch stopRequested = new CountDownLatch(1);
        // Handle the signals ourselves so a requested stop is an orderly one with exit code 0.
        Signal.handle(new Signal("TERM"), signal -> stopRequested.countDown());
        Signal.handle(new Signal("INT"), signal -> stopRequested.countDown());

        Gateway gateway;
        try {
            gateway = Gateway.start(settings);
        } catch (GatewayStartException e) {
            System.err.println("webims: cannot start: " + e.getMessage());
            return EXIT_START_FAILED;
        }
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("stopping");
        return stopWithin(gateway, settings.shutdownGraceSeconds());
    }

    /** Closes the gateway, giving up after the grace period so a stuck close cannot hang the stop. */
    private static int stopWithin(Gateway gateway, int graceSeconds) {
        ExecutorService stopper = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "shutdown");
            t.setDaemon(true);
            return t;
        });
        Future<?> closing = stopper.submit(gateway::close);
        try {
            closing.get(Math.max(1, graceSeconds), TimeUnit.SECONDS);
            LOG.info("stopped");
            return EXIT_OK;
        } catch (TimeoutException e) {
            LOG.warn("shutdown grace period over; exiting with work still open");
            return EXIT_OK;
        } catch (Exception e) {
            LOG.error("error while stopping", e);
            return EXIT_START_FAILED;
        } finally {
            stopper.shutdownNow();
        }
    }
}
