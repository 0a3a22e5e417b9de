package org.webims.webrtc.iceservers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The STUN and TURN servers a carrier gives its browsers, written as a JSON array of RTCIceServer
 * (W3C webrtc-pc §4.2.1) for {@code RTCPeerConnection}'s {@code iceServers}: one entry for the
 * STUN URLs, one for the TURN URLs with a credential issued per request.
 */
public final class IceServers {

    /** No servers: browsers gather host candidates only, as before this existed. */
    public static final IceServers NONE = new IceServers(List.of(), List.of(), null);

    // the user part of a TURN REST username: no ':' (the draft's delimiter), nothing a log or JSON must escape
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._~+-]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<IceServerUrl> stun;
    private final List<IceServerUrl> turn;
    private final TurnCredentials credentials;
    private final boolean relayOnly;

    /** {@code credentials} is required exactly when there are TURN URLs. */
    public IceServers(List<IceServerUrl> stun, List<IceServerUrl> turn, TurnCredentials credentials) {
        this(stun, turn, credentials, false);
    }

    /**
     * As {@link #IceServers(List, List, TurnCredentials)}; {@code relayOnly} asks browsers for
     * iceTransportPolicy "relay" (W3C webrtc-pc §4.2.1), all media through the TURN server, which
     * needs TURN URLs.
     */
    public IceServers(List<IceServerUrl> stun, List<IceServerUrl> turn, TurnCredentials credentials, boolean relayOnly) {
        if (relayOnly && turn.isEmpty()) {
            throw new IllegalArgumentException("relay only needs TURN URLs");
        }
        if (stun.stream().anyMatch(IceServerUrl::isTurn) || turn.stream().anyMatch(u -> !u.isTurn())) {
            throw new IllegalArgumentException("STUN URLs and TURN URLs are mixed up");
        }
        if (turn.isEmpty() != (credentials == null)) {
            throw new IllegalArgumentException(turn.isEmpty() ? "credentials given without TURN URLs"
                    : "TURN URLs need credentials: a username and password, or a shared secret");
        }
        this.stun = List.copyOf(stun);
        this.turn = List.copyOf(turn);
        this.credentials = credentials;
        this.relayOnly = relayOnly;
    }

    /** RTCConfiguration's iceTransportPolicy for browsers: "relay" or "all". */
    public String iceTransportPolicy() {
        return relayOnly ? "relay" : "all";
    }

    public List<IceServerUrl> stun() {
        return stun;
    }

    public List<IceServerUrl> turn() {
        return turn;
    }

    /**
     * The RTCIceServer array for a browser of {@code user} (null: none named), with a fresh TURN
     * credential; a user name that is not 1-64 of {@code A-Z a-z 0-9 . _ ~ + -} is an
     * {@link IllegalArgumentException}.
     */
    public String json(String user) {
        if (user != null && !isUserPart(user)) {
            throw new IllegalArgumentException("username must be 1-64 characters of A-Z a-z 0-9 . _ ~ + -");
        }
        ArrayNode servers = JSON.createArrayNode();
        if (!stun.isEmpty()) {
            urls(servers.addObject(), stun);
        }
        if (!turn.isEmpty()) {
            ObjectNode server = servers.addObject();
            urls(server, turn);
            TurnCredentials.Credential credential = credentials.issue(user);
            server.put("username", credential.username());
            server.put("credential", credential.password());
        }
        return servers.toString();
    }

    /** True where {@code user} may be the user part of a TURN REST username here. */
    public static boolean isUserPart(String user) {
        return USER.matcher(user).matches();
    }

    private static void urls(ObjectNode server, List<IceServerUrl> urls) {
        ArrayNode array = server.putArray("urls");
        urls.forEach(u -> array.add(u.toString()));
    }
}
