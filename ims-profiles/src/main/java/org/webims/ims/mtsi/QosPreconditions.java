package org.webims.ims.mtsi;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.Precondition;
import org.webims.media.sdp.Precondition.Direction;
import org.webims.media.sdp.Precondition.Kind;
import org.webims.media.sdp.Precondition.StatusType;
import org.webims.media.sdp.Precondition.Strength;

/**
 * The qos precondition status of one media stream (RFC 3312 §5, segmented status type as
 * TS 24.229 §6.1.2 has IMS use it): our view of the current status of the local and remote
 * segments, the desired strength per segment and direction, and whether the peer asked us to
 * confirm ours. It writes the a=curr/a=des/a=conf lines of our SDP and reads the peer's; the
 * preconditions are met when every mandatory segment direction is reserved, which is when the
 * called side may alert (RFC 3312 §5.1). Not thread-safe: one per stream, on the dialog's thread.
 *
 * <p>The peer writes from its point of view, so its "local" is our "remote" and its "send" our
 * "recv" (RFC 3312 §5.1, §6). End-to-end status lines are not used by IMS and are ignored.
 */
public final class QosPreconditions {

    /** A segment of the segmented model (RFC 3312 §5). */
    public enum Segment { LOCAL, REMOTE }

    private final Map<Segment, Direction> current = new EnumMap<>(Segment.class);
    private final Map<Segment, Strength> desiredSend = new EnumMap<>(Segment.class);
    private final Map<Segment, Strength> desiredRecv = new EnumMap<>(Segment.class);
    private Direction confirmationAsked = Direction.NONE;
    private boolean askForConfirmation;

    private QosPreconditions(Strength local, Strength remote) {
        for (Segment s : Segment.values()) {
            current.put(s, Direction.NONE);
        }
        desiredSend.put(Segment.LOCAL, local);
        desiredRecv.put(Segment.LOCAL, local);
        desiredSend.put(Segment.REMOTE, remote);
        desiredRecv.put(Segment.REMOTE, remote);
    }

    /** For an offer (TS 24.229 §6.1.2): mandatory sendrecv on both segments, nothing reserved yet. */
    public static QosPreconditions forOffer() {
        return new QosPreconditions(Strength.MANDATORY, Strength.MANDATORY);
    }

    /**
     * For answering an offer with preconditions: our local segment mandatory sendrecv, the remote
     * segment as the offer wants its own (RFC 3312 §6: the answerer takes the offerer's desire,
     * upgrading it where it wants more). The answer asks the offerer to confirm its segment
     * (a=conf, RFC 3312 §5.1), so an UPDATE tells us when the offerer's resources are reserved.
     */
    public static QosPreconditions forAnswer(MediaDescription offer) {
        QosPreconditions q = new QosPreconditions(Strength.MANDATORY, Strength.NONE);
        q.update(offer);
        q.askForConfirmation = true;
        return q;
    }

    /** Whether an m-line carries qos precondition attributes at all (RFC 3312 §5). */
    public static boolean present(MediaDescription m) {
        return m.preconditions().stream().anyMatch(p -> Precondition.QOS.equals(p.preconditionType()));
    }

    /**
     * Our own segment's resources are now reserved in these directions (for the AS, as soon as
     * its media port is ready: it has no access network to reserve).
     */
    public void localReserved(Direction direction) {
        current.put(Segment.LOCAL, union(current.get(Segment.LOCAL), direction));
    }

    /** Takes in the peer's SDP for this stream (offer, answer or a later update). */
    public void update(MediaDescription peer) {
        for (Precondition p : peer.preconditions()) {
            if (!Precondition.QOS.equals(p.preconditionType()) || p.statusType() == StatusType.E2E) {
                continue;
            }
            Segment ours = p.statusType() == StatusType.LOCAL ? Segment.REMOTE : Segment.LOCAL;
            Direction dir = swap(p.direction());
            switch (p.kind()) {
                case CURRENT -> {
                    // only the peer knows its own segment; what it believes of ours is its business
                    if (ours == Segment.REMOTE) {
                        current.put(Segment.REMOTE, dir);
                    }
                }
                case DESIRED -> {
                    if (sends(dir)) {
                        desiredSend.put(ours, stronger(desiredSend.get(ours), p.strength()));
                    }
                    if (receives(dir)) {
                        desiredRecv.put(ours, stronger(desiredRecv.get(ours), p.strength()));
                    }
                }
                case CONFIRM -> {
                    if (ours == Segment.LOCAL) {
                        confirmationAsked = union(confirmationAsked, dir);
                    }
                }
                default -> throw new IllegalStateException("unknown precondition kind " + p.kind());
            }
        }
    }

    /** RFC 3312 §5: every mandatory direction of every segment is reserved. */
    public boolean met() {
        return missing(Segment.LOCAL) == Direction.NONE && missing(Segment.REMOTE) == Direction.NONE;
    }

    /** RFC 3312 §5.1: a desired strength of failure means the peer cannot meet the preconditions. */
    public boolean failed() {
        return desiredSend.containsValue(Strength.FAILURE) || desiredRecv.containsValue(Strength.FAILURE);
    }

    /**
     * Whether the peer asked to be told when our segment is reserved (a=conf, RFC 3312 §5.1) and it
     * now is, in the directions asked: the application sends an UPDATE with {@link #attributes()}.
     */
    public boolean confirmationDue() {
        Direction asked = confirmationAsked;
        Direction cur = current.get(Segment.LOCAL);
        return asked != Direction.NONE && (!sends(asked) || sends(cur)) && (!receives(asked) || receives(cur));
    }

    public Direction current(Segment segment) {
        return current.get(segment);
    }

    public Strength desired(Segment segment, boolean send) {
        return (send ? desiredSend : desiredRecv).get(segment);
    }

    /**
     * Our a=curr, a=des (one line per segment, or per direction when their strengths differ) and,
     * while our view of the remote segment is short of what is desired, an a=conf asking the peer
     * to tell us when it is reserved (RFC 3312 §5.1).
     */
    public List<Precondition> attributes() {
        List<Precondition> out = new ArrayList<>(6);
        out.add(curr(StatusType.LOCAL, current.get(Segment.LOCAL)));
        out.add(curr(StatusType.REMOTE, current.get(Segment.REMOTE)));
        for (Segment s : Segment.values()) {
            StatusType type = s == Segment.LOCAL ? StatusType.LOCAL : StatusType.REMOTE;
            Strength send = desiredSend.get(s);
            Strength recv = desiredRecv.get(s);
            if (send == recv) {
                out.add(new Precondition(Kind.DESIRED, Precondition.QOS, send, type, Direction.SENDRECV));
            } else {
                out.add(new Precondition(Kind.DESIRED, Precondition.QOS, send, type, Direction.SEND));
                out.add(new Precondition(Kind.DESIRED, Precondition.QOS, recv, type, Direction.RECV));
            }
        }
        Direction missing = missing(Segment.REMOTE);
        if (askForConfirmation && missing != Direction.NONE) {
            out.add(new Precondition(Kind.CONFIRM, Precondition.QOS, null, StatusType.REMOTE, missing));
        }
        return out;
    }

    /** The directions of a segment that are mandatory and not yet reserved. */
    private Direction missing(Segment s) {
        Direction cur = current.get(s);
        boolean send = desiredSend.get(s) == Strength.MANDATORY && !sends(cur);
        boolean recv = desiredRecv.get(s) == Strength.MANDATORY && !receives(cur);
        return union(send ? Direction.SEND : Direction.NONE, recv ? Direction.RECV : Direction.NONE);
    }

    /** An m-line with its precondition attributes replaced by ours. */
    public MediaDescription applyTo(MediaDescription m) {
        MediaDescription.Builder b = m.toBuilder();
        for (Kind k : Kind.values()) {
            b.removeAttributes(k.attributeName());
        }
        attributes().forEach(b::attribute);
        return b.build();
    }

    private static Precondition curr(StatusType type, Direction d) {
        return new Precondition(Kind.CURRENT, Precondition.QOS, null, type, d);
    }

    static boolean sends(Direction d) {
        return d == Direction.SEND || d == Direction.SENDRECV;
    }

    static boolean receives(Direction d) {
        return d == Direction.RECV || d == Direction.SENDRECV;
    }

    static Direction swap(Direction d) {
        return switch (d) {
            case SEND -> Direction.RECV;
            case RECV -> Direction.SEND;
            default -> d;
        };
    }

    static Direction union(Direction a, Direction b) {
        boolean send = sends(a) || sends(b);
        boolean recv = receives(a) || receives(b);
        return send ? (recv ? Direction.SENDRECV : Direction.SEND) : (recv ? Direction.RECV : Direction.NONE);
    }

    /** RFC 3312 §6: strengths are upgraded, never downgraded; failure and unknown from the peer stick. */
    static Strength stronger(Strength ours, Strength theirs) {
        if (theirs == Strength.FAILURE || theirs == Strength.UNKNOWN || ours == Strength.FAILURE) {
            return theirs == Strength.FAILURE || ours == Strength.FAILURE ? Strength.FAILURE : ours;
        }
        return rank(theirs) > rank(ours) ? theirs : ours;
    }

    private static int rank(Strength s) {
        return switch (s) {
            case MANDATORY -> 3;
            case OPTIONAL -> 2;
            case NONE -> 1;
            default -> 0;
        };
    }
}
