package org.webims.sip.container.auth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.sip.AuthInfo;

/**
 * Credentials an application gives for the challenges its requests may meet, for
 * {@code SipServletRequest.addAuthHeader} (JSR 289 UAC authentication): per challenge kind (401 from a UAS or registrar, 407 from a proxy) and
 * realm, a user name and password.
 */
public final class ContainerAuthInfo implements AuthInfo {

    /** A user name and password for one realm. */
    public record Credentials(String username, String password) {
    }

    private final Map<String, Credentials> byStatusAndRealm = new ConcurrentHashMap<>();

    @Override
    public void addAuthInfo(int statusCode, String realm, String username, String password) {
        if (statusCode != 401 && statusCode != 407) {
            throw new IllegalArgumentException("credentials answer a 401 or 407 challenge, not " + statusCode);
        }
        if (realm == null || username == null || password == null) {
            throw new IllegalArgumentException("realm, user name and password are all needed");
        }
        byStatusAndRealm.put(key(statusCode, realm), new Credentials(username, password));
    }

    public Optional<Credentials> lookup(int statusCode, String realm) {
        return Optional.ofNullable(byStatusAndRealm.get(key(statusCode, realm)));
    }

    private static String key(int statusCode, String realm) {
        return statusCode + " " + realm;
    }
}
