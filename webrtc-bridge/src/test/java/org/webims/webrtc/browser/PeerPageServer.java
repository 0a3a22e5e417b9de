package org.webims.webrtc.browser;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Serves a test page on 127.0.0.1 (an http origin, so getUserMedia is allowed). */
public final class PeerPageServer implements AutoCloseable {

    private final HttpServer server;
    private final String name;

    /** Serves the WebRtcEndpoint tests' peer page. */
    public PeerPageServer() throws IOException {
        this("peer.html");
    }

    /** Serves {@code name} from the test resources' browser/ folder. */
    public PeerPageServer(String name) throws IOException {
        this.name = name;
        byte[] page;
        try (InputStream in = PeerPageServer.class.getResourceAsStream("/browser/" + name)) {
            if (in == null) {
                throw new IOException("no test page browser/" + name);
            }
            page = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            boolean found = exchange.getRequestURI().getPath().equals("/" + name);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(found ? 200 : 404, found ? page.length : -1);
            if (found) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(page);
                }
            }
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
