package org.webims.sip.container.auth;

import java.text.ParseException;
import java.util.ListIterator;
import java.util.Optional;
import java.util.function.BiFunction;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Answers the Digest challenges of a 401 or 407 in a new request (RFC 3261 §22.2, §22.3): one
 * Authorization (401) or Proxy-Authorization (407) per challenge the application has credentials
 * for, with the challenge's realm, nonce, opaque and algorithm echoed.
 */
public final class ChallengeAnswers {
    private ChallengeAnswers() {
    }

    /**
     * Adds the answers to {@code request}.
     *
     * @param credentials the credentials for a (status, realm), if the application has them
     * @throws IllegalArgumentException when the response is no 401/407, or no challenge in it can be answered
     */
    public static void add(Request request, Response challenge, HeaderFactory headers,
                           BiFunction<Integer, String, Optional<ContainerAuthInfo.Credentials>> credentials) {
        int status = challenge.getStatusCode();
        if (status != Response.UNAUTHORIZED && status != Response.PROXY_AUTHENTICATION_REQUIRED) {
            throw new IllegalArgumentException("a " + status + " response carries no challenge (401 or 407 does)");
        }
        String name = status == Response.UNAUTHORIZED ? WWWAuthenticateHeader.NAME : ProxyAuthenticateHeader.NAME;
        int answered = 0;
        StringBuilder refused = new StringBuilder();
        ListIterator<?> it = challenge.getHeaders(name);
        while (it.hasNext()) {
            WWWAuthenticateHeader c = (WWWAuthenticateHeader) it.next();
            if (!"Digest".equalsIgnoreCase(c.getScheme())) {
                refused.append(" scheme ").append(c.getScheme()).append(';');
                continue;
            }
            Optional<ContainerAuthInfo.Credentials> who = credentials.apply(status, c.getRealm());
            if (who.isEmpty()) {
                refused.append(" no credentials for realm \"").append(c.getRealm()).append("\";");
                continue;
            }
            try {
                request.addHeader(answer(request, c, who.get(), status, headers));
                answered++;
            } catch (DigestAnswer.Unanswerable e) {
                refused.append(' ').append(e.getMessage()).append(';');
            }
        }
        if (answered == 0) {
            throw new IllegalArgumentException("no challenge in the " + status + " could be answered:" + refused);
        }
    }

    private static AuthorizationHeader answer(Request request, WWWAuthenticateHeader c,
                                              ContainerAuthInfo.Credentials who, int status, HeaderFactory headers)
            throws DigestAnswer.Unanswerable {
        String uri = request.getRequestURI().toString();
        DigestAnswer a = DigestAnswer.to(c.getAlgorithm(), c.getQop(), c.getRealm(), c.getNonce(),
                who.username(), who.password(), request.getMethod(), uri);
        try {
            AuthorizationHeader h = status == Response.UNAUTHORIZED
                    ? headers.createAuthorizationHeader("Digest")
                    : headers.createProxyAuthorizationHeader("Digest");
            h.setUsername(who.username());
            h.setRealm(c.getRealm());
            h.setNonce(c.getNonce());
            h.setURI(request.getRequestURI());
            h.setResponse(a.response());
            if (c.getAlgorithm() != null) {
                h.setAlgorithm(a.algorithm());
            }
            if (c.getOpaque() != null) {
                h.setOpaque(c.getOpaque()); // RFC 7616 §3.4: returned unchanged
            }
            if (a.qop() != null) {
                h.setQop(a.qop());
                h.setCNonce(a.cnonce());
                h.setNonceCount(a.nonceCount());
            }
            return h;
        } catch (ParseException e) {
            throw new DigestAnswer.Unanswerable("a challenge value cannot be echoed: " + e.getMessage());
        }
    }
}
