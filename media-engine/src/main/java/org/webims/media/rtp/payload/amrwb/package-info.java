/**
 * AMR-WB over RTP (RFC 4867): octet-aligned and bandwidth-efficient payloads, CMR, table of
 * contents, several frames per packet, mode-set restriction. The codec side exchanges frames in
 * the RFC 4867 §5.3 storage format (header octet {@code FT<<3 | Q<<2}, then the speech bits
 * octet-aligned, MSB first). Interleaving and CRCs (§4.4.2.1, §4.4.2.2) are not supported.
 */
package org.webims.media.rtp.payload.amrwb;
