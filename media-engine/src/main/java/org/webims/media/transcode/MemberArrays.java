package org.webims.media.transcode;

import java.util.Arrays;

/**
 * The copy-on-write member arrays of {@link SharedTicks} and {@link VideoLane}: a worker's pass reads
 * the array without a lock, so a change makes a new one instead of editing the one a pass may hold.
 */
final class MemberArrays {

    private MemberArrays() { }

    /** {@code members} and {@code m} after them. */
    static <T> T[] with(T[] members, T m) {
        T[] next = Arrays.copyOf(members, members.length + 1);
        next[members.length] = m;
        return next;
    }

    /** {@code members} without {@code m} ({@code none} when it was the last), or {@code members} itself when {@code m} is not in it. */
    static <T> T[] without(T[] members, T m, T[] none) {
        for (int i = 0; i < members.length; i++) {
            if (members[i] == m) {
                if (members.length == 1) {
                    return none;
                }
                T[] next = Arrays.copyOf(members, members.length - 1);
                System.arraycopy(members, i + 1, next, i, members.length - i - 1);
                return next;
            }
        }
        return members;
    }
}
