package org.webims.media.srtp;

/**
 * What a sender and a receiver of one master key share: the profile's cipher, the per-SSRC
 * contexts, the replay window size, the key's packet limits (RFC 3711 §9.2) and the counters.
 * One thread at a time, as for the classes built on it.
 */
abstract class SrtpContextSet {

    final SrtpProfile profile;
    final PacketCipher cipher;
    final SsrcTable contexts;
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

    public SrtpProfile profile() { return profile; }

    public SrtpCounters counters() { return counters; }

    /** SSRCs with a context so far. */
    public int ssrcCount() { return contexts.size(); }
}
