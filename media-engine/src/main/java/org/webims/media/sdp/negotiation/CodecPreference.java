package org.webims.media.sdp.negotiation;

/** Whose codec order decides the answer's: the offerer's (RFC 3264 §6.1 default) or ours. */
public enum CodecPreference { OFFERER, ANSWERER }
