package org.webims.media.srtp;

/**
 * What a sender and a receiver of one master key share: the profile's cipher, the per-SSRC
 * contexts, the replay window size, the key's packet limits (RFC 3711 §9.2) and the counters.
 * One thread at a time, as for the classes built on it.
 */
abstract class SrtpContextSet {

    final SrtpProfile profile;
    final PacketCipher cipher;
    private final SsrcTable contexts;
    // The context of the last SSRC looked up, in this object that every packet reads anyway: a relay of many
    // calls finds the table (an object of its own, allocated with its two arrays) cold at every packet, and a
    // session's packets nearly all carry one SSRC (decision 0048).
    private SsrcContext last;
    final int windowSize;
    final long srtpLimit;
    final long srtcpLimit;
    final SrtpCounters counters = new SrtpCounters(this);
    long srtpPackets;
    long srtcpPackets;

    SrtpContextSet(SrtpMasterKey key, SrtpSettings settings) {
        this.profile = key.profile();
        this.cipher = PacketCipher.forKey(key);
        this.contexts = new SsrcTable(settings.maxSsrcs());
        this.windowSize = settings.replayWindowSize();
        this.srtpLimit = key.lifetimePackets();
        this.srtcpLimit = Math.min(key.lifetimePackets(), SrtpMasterKey.MAX_SRTCP_PACKETS);
    }

    /** The context of {@code ssrc}, or null if it has none yet. */
    final SsrcContext context(int ssrc) {
        SsrcContext l = last;
        if (l != null && l.ssrc == ssrc) {
            return l;
        }
        SsrcContext c = contexts.get(ssrc);
        if (c != null) {
            last = c;
        }
        return c;
    }

    final boolean contextsFull() {
        return contexts.isFull();
    }

    /** Adds a context for an SSRC that has none; the caller checked {@link #contextsFull()}. */
    final SsrcContext addContext(int ssrc) {
        SsrcContext c = contexts.add(ssrc, windowSize);
        last = c;
        return c;
    }

    public SrtpProfile profile() { return profile; }

    public SrtpCounters counters() { return counters; }

    /** SSRCs with a context so far. */
    public int ssrcCount() { return contexts.size(); }
}
