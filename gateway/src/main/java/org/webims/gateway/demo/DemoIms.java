package org.webims.gateway.demo;

import java.util.List;

/** A running demo IMS network beside the gateway: what the demo page offers to call, and its stop. */
public interface DemoIms extends AutoCloseable {

    /** An IMS user the demo page can call. */
    record User(String uri, String label) {
    }

    List<User> users();

    @Override
    void close();
}
