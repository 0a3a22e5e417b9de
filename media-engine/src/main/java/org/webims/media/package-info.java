/**
 * The media engine: Kurento-style pipelines of media elements, RTP, codecs, transcoding,
 * recording and playing. Knows nothing of SIP or of WebRTC specifics (see docs/ARCHITECTURE.md).
 */
package org.webims.media;
