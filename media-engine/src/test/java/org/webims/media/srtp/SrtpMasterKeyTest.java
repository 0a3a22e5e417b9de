package org.webims.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.webims.media.sdp.CryptoKey;

/** SDES inline keys (RFC 4568 §6.1) and the DTLS-SRTP exporter split (RFC 5764 §4.2). */
class SrtpMasterKeyTest {

    private static final SrtpProfile CM = SrtpProfile.AES_CM_128_HMAC_SHA1_80;

    @Test
    void parsesTheRfc4568ExampleInlineKey() throws Exception {
        // RFC 4568 §4 example line: a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4
        SrtpMasterKey key = SrtpMasterKey.fromSdes(CM, new CryptoKey("PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", "2^20", 0, 0));
        assertEquals(16, key.key().length);
        assertEquals(14, key.salt().length);
        assertEquals(1L << 20, key.lifetimePackets());
        assertEquals((byte) 0x3d, key.key()[0]);
    }

    @Test
    void refusesAnMkiAKeyOfTheWrongLengthAndAnImpossibleLifetimeByName() {
        String key = "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";
        String mki = assertThrows(InvalidSrtpKeyException.class,
                () -> SrtpMasterKey.fromSdes(CM, new CryptoKey(key, "2^20", 1, 4))).getMessage();
        assertTrue(mki.contains("MKI"), mki);
        String shortKey = assertThrows(InvalidSrtpKeyException.class,
                () -> SrtpMasterKey.fromSdes(CM, new CryptoKey("PS1uQCVeeCFCanVmcjkp", null, 0, 0))).getMessage();
        assertTrue(shortKey.contains("30 bytes"), shortKey);
        assertThrows(InvalidSrtpKeyException.class,
                () -> SrtpMasterKey.fromSdes(SrtpProfile.AEAD_AES_128_GCM, new CryptoKey(key, null, 0, 0)));
        assertThrows(InvalidSrtpKeyException.class, () -> SrtpMasterKey.fromSdes(CM, new CryptoKey(key, "2^99", 0, 0)));
        assertThrows(InvalidSrtpKeyException.class,
                () -> SrtpMasterKey.of(CM, new byte[16], new byte[12]));
    }

    @Test
    void ourInlineKeyParsesBackToTheSameKeyForEveryProfile() throws Exception {
        SecureRandom random = new SecureRandom();
        for (SrtpProfile p : SrtpProfile.values()) {
            SrtpMasterKey key = SrtpMasterKey.random(p, random);
            SrtpMasterKey back = SrtpMasterKey.fromSdes(p, key.toSdes());
            assertArrayEquals(key.key(), back.key());
            assertArrayEquals(key.salt(), back.salt());
            assertFalse(key.toString().contains(key.toSdes().keySaltBase64().substring(0, 8)), "no key in toString");
        }
    }

    @Test
    void profilesResolveBySdesNameAndDtlsId() {
        assertSame(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.forSdesName("AEAD_AES_128_GCM"));
        assertSame(SrtpProfile.AES_CM_128_HMAC_SHA1_32, SrtpProfile.forDtlsProfileId(0x0002));
        assertSame(SrtpProfile.AEAD_AES_256_GCM, SrtpProfile.forDtlsProfileId(0x0008));
        assertEquals(null, SrtpProfile.forSdesName("F8_128_HMAC_SHA1_80"));
    }

    @Test
    void dtlsExporterOutputSplitsIntoClientAndServerHalvesByRole() throws Exception {
        for (SrtpProfile p : SrtpProfile.values()) {
            int k = p.keyLength();
            int s = p.saltLength();
            byte[] material = new byte[DtlsSrtpKeys.exporterLength(p)];
            for (int i = 0; i < material.length; i++) {
                material[i] = (byte) i;
            }
            DtlsSrtpKeys client = DtlsSrtpKeys.split(p, material, true);
            DtlsSrtpKeys server = DtlsSrtpKeys.split(p, material, false);
            assertArrayEquals(Arrays.copyOfRange(material, 0, k), client.local().key(), "client_write key");
            assertArrayEquals(Arrays.copyOfRange(material, k, 2 * k), client.remote().key(), "server_write key");
            assertArrayEquals(Arrays.copyOfRange(material, 2 * k, 2 * k + s), client.local().salt());
            assertArrayEquals(Arrays.copyOfRange(material, 2 * k + s, 2 * k + 2 * s), client.remote().salt());
            assertArrayEquals(client.local().key(), server.remote().key());
            assertArrayEquals(client.remote().salt(), server.local().salt());

            // what the client sends, the server receives
            SrtpSender clientSender = new SrtpSender(client.local(), SrtpSettings.DEFAULTS);
            SrtpReceiver serverReceiver = new SrtpReceiver(server.remote(), SrtpSettings.DEFAULTS);
            byte[] b = Packets.rtp(1, 1, 50);
            assertEquals(SrtpResult.OK, clientSender.protectRtp(b, 0, 62));
            assertEquals(SrtpResult.OK, serverReceiver.unprotectRtp(b, 0, 62 + p.srtpOverhead()));
        }
        assertEquals(60, DtlsSrtpKeys.exporterLength(CM));
        assertEquals(56, DtlsSrtpKeys.exporterLength(SrtpProfile.AEAD_AES_128_GCM));
        assertEquals(88, DtlsSrtpKeys.exporterLength(SrtpProfile.AEAD_AES_256_GCM));
        assertThrows(InvalidSrtpKeyException.class, () -> DtlsSrtpKeys.split(CM, new byte[56], true));
    }
}
