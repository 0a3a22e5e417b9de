package org.webims.media.node;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a media node as its own process: a {@link MediaNodeServer} from the command line
 * ({@link MediaNodeOptions}) until the process is told to stop (SIGTERM, SIGINT). Once it serves
 * it prints {@code media node listening on ws://...} on stdout, so a parent that asked for port 0
 * learns the real one. Exit codes: 2 for a bad command line, 1 if it cannot start.
 */
public final class MediaNodeMain {

    private MediaNodeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        MediaNodeOptions options;
        try {
            options = MediaNodeOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(MediaNodeOptions.USAGE);
            System.exit(2);
            return;
        }
        MediaNodeServer server;
        try {
            server = MediaNodeServer.start(options.node(), options.kurento());
        } catch (IOException | RuntimeException e) {
            System.err.println("media node cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "media-node-shutdown"));
        System.out.println("media node listening on " + server.uri());
        System.out.flush();
        stopped.await();
    }
}
