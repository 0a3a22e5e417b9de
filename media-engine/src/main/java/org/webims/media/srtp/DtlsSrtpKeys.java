package org.webims.media.srtp;

import java.util.Arrays;

/**
 * The two master keys of a DTLS-SRTP association, split from the TLS exporter output
 * (RFC 5764 §4.2): client_write key, server_write key, client_write salt, server_write salt.
 * The DTLS client protects with the client_write half; the server with the server_write half.
 *
 * @param local  the key our {@link SrtpSender} uses
 * @param remote the key our {@link SrtpReceiver} uses
 */
public record DtlsSrtpKeys(SrtpMasterKey local, SrtpMasterKey remote) {

    /** The exporter label of RFC 5764 §4.2. */
    public static final String EXPORTER_LABEL = "EXTRACTOR-dtls_srtp";

    /** How many bytes to ask the exporter for: 2 * (key + salt) for the profile. */
    public static int exporterLength(SrtpProfile profile) {
        return 2 * (profile.keyLength() + profile.saltLength());
    }

    /**
     * Splits exporter output for a profile and our DTLS role.
     *
     * @param dtlsClient true when we were the DTLS client (a=setup:active side)
     */
    public static DtlsSrtpKeys split(SrtpProfile profile, byte[] exporterOutput, boolean dtlsClient)
            throws InvalidSrtpKeyException {
        int k = profile.keyLength();
        int s = profile.saltLength();
        if (exporterOutput.length != exporterLength(profile)) {
            throw new InvalidSrtpKeyException(profile.sdesName() + " needs " + exporterLength(profile)
                    + " bytes of DTLS exporter output, got " + exporterOutput.length);
        }
        byte[] clientKey = Arrays.copyOfRange(exporterOutput, 0, k);
        byte[] serverKey = Arrays.copyOfRange(exporterOutput, k, 2 * k);
        byte[] clientSalt = Arrays.copyOfRange(exporterOutput, 2 * k, 2 * k + s);
        byte[] serverSalt = Arrays.copyOfRange(exporterOutput, 2 * k + s, 2 * k + 2 * s);
        SrtpMasterKey client = SrtpMasterKey.of(profile, clientKey, clientSalt);
        SrtpMasterKey server = SrtpMasterKey.of(profile, serverKey, serverSalt);
        Arrays.fill(clientKey, (byte) 0);
        Arrays.fill(serverKey, (byte) 0);
        return dtlsClient ? new DtlsSrtpKeys(client, server) : new DtlsSrtpKeys(server, client);
    }
}
