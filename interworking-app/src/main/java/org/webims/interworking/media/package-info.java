/**
 * The media-control seam between the interworking application and the media engine: SDP in,
 * SDP out, per call. {@code inprocess} implements it over a {@code MediaNode} in the same process,
 * {@code remote} over media nodes in other processes, driven over the Kurento protocol.
 */
package org.webims.interworking.media;
