package org.webims.ims.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.webims.media.recording.ContainerProfile;

class CarrierProfileReaderTest {

    private static final Path EXAMPLES = Path.of("..", "conf", "profiles");

    /** A valid profile, one element per line, that each broken case changes in one place. */
    private static final String VALID = """
            <?xml version="1.0" encoding="UTF-8"?>
            <carrier-profile xmlns="urn:webims:carrier-profile:1" name="test">
              <network domain="ims.example.com">
                <s-cscf>sip:scscf.ims.example.com;lr</s-cscf>
                <as-uri>sip:as.ims.example.com;lr</as-uri>
              </network>
              <identity-mapping>
                <map web="sip:{user}@web.example.com" ims="sip:+1555{user}@ims.example.com"/>
              </identity-mapping>
              <media>
                <audio>
                  <amr-wb mode-set="0,1,2"/>
                </audio>
                <video h264-profile-level-id="42e01f"/>
              </media>
              <headers>
                <to-ims>
                  <add name="X-Carrier" value="test"/>
                  <strip name="User-Agent"/>
                </to-ims>
              </headers>
              <privacy trusted-network="true" honour="id"/>
              <signalling>
                <reliable-provisional>supported</reliable-provisional>
                <preconditions>none</preconditions>
                <session-timer interval="1800" min-se="90"/>
              </signalling>
              <web-access>
                <digest realm="web.example.com" nonce-lifetime="300"/>
                <allowed-origin>https://app.example.com</allowed-origin>
              </web-access>
              <recording legs="none"/>
            </carrier-profile>
            """;

    @TempDir
    Path dir;

    private final CarrierProfileReader reader = new CarrierProfileReader();

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsThePlainVolteExample() throws Exception {
        CarrierProfile p = reader.read(EXAMPLES.resolve("volte-plain.xml"));
        assertEquals("volte-plain", p.name());
        assertEquals("ims.example.com", p.domain());
        assertEquals("sip:scscf.ims.example.com:5060;lr", p.network().scscf());
        assertEquals(List.of("sip:pcscf.ims.example.com:5060;lr"), p.network().pcscfs());
        assertEquals("sip:webims.ims.example.com;lr", p.network().asUri());
        assertEquals("ims.example.com", p.network().origIoi(), "orig-ioi defaults to the domain");
        assertEquals(Optional.of("sip:+15551234@ims.example.com;user=phone"),
                p.identityMapping().map("sip:1234@web.example.com"));
        assertEquals("RTP/AVP", p.media().transport());
        assertEquals(List.of(0, 1, 2), p.media().amrWb().modeSet());
        assertEquals(Optional.of(AmrPolicy.allModes()), p.media().amrNb());
        assertTrue(p.media().telephoneEvent8000());
        assertEquals("42e01f", p.media().h264().orElseThrow().hex());
        assertEquals(Optional.of("IEEE-802.11; i-wlan-node-id=ffffffffffff"), p.headers().accessNetworkInfo());
        assertFalse(p.headers().servedUser());
        assertEquals(List.of("User-Agent"), p.headers().toIms().strip());
        assertTrue(p.privacy().trustedNetwork());
        assertEquals(Set.of(PrivacyValue.ID, PrivacyValue.HEADER, PrivacyValue.NONE), p.privacy().honoured());
        assertEquals(ExtensionPolicy.SUPPORTED, p.signalling().reliableProvisional());
        assertEquals(ExtensionPolicy.NONE, p.signalling().preconditions());
        assertEquals(new SessionTimerPolicy(1800, 90, SessionTimerPolicy.Refresher.UAC), p.signalling().sessionTimer());
        assertEquals(new WebAuthentication.Digest("web.example.com", Duration.ofSeconds(300)),
                p.webAccess().authentication());
        assertTrue(p.webAccess().allowsOrigin("https://app.web.example.com"));
        assertFalse(p.webAccess().allowsOrigin("https://evil.example.org"));
        assertTrue(p.recording().legs().isEmpty());
    }

    @Test
    void theMediaBandwidthsAreTs26114sUnlessTheProfileSetsThem() throws Exception {
        CarrierProfile plain = reader.read(write("plain.xml", VALID));
        assertEquals(org.webims.media.sdp.bandwidth.SdpBandwidths.mtsi(2000), plain.media().bandwidths());
        CarrierProfile set = reader.read(write("set.xml", VALID.replace("<audio>", "<audio bandwidth-as=\"41\">")
                .replace("<video ", "<video bandwidth-as=\"768\" ").replace("<media>", "<media rtcp-rs=\"0\" rtcp-rr=\"2000\">")));
        assertEquals(org.webims.media.sdp.bandwidth.SdpBandwidths.mtsi(768).withMaxAudioRecvKbps(41).withRtcp(0, 2000),
                set.media().bandwidths());
    }

    @Test
    void readsTheStrictVolteExample() throws Exception {
        CarrierProfile p = reader.read(EXAMPLES.resolve("volte-strict.xml"));
        assertEquals("volte-strict", p.name());
        assertEquals("as.ims.example.net", p.network().origIoi());
        assertEquals(Optional.of("tel:+49301234"), p.identityMapping().map("sip:1234@web.example.net"));
        assertEquals(Optional.empty(), p.identityMapping().map("sip:bob@elsewhere.example.org"));
        assertEquals("RTP/AVPF", p.media().transport());
        assertEquals(List.of(0, 1, 2, 8), p.media().amrWb().modeSet());
        assertEquals(Optional.empty(), p.media().amrNb());
        assertFalse(p.media().telephoneEvent8000());
        assertTrue(p.media().h264().orElseThrow().isConstrainedBaseline());
        assertTrue(p.headers().servedUser());
        assertEquals("Accept-Contact", p.headers().toIms().add().get(0).name());
        assertFalse(p.privacy().trustedNetwork());
        assertEquals(ExtensionPolicy.REQUIRED, p.signalling().reliableProvisional());
        assertEquals(ExtensionPolicy.REQUIRED, p.signalling().preconditions());
        assertEquals(SessionTimerPolicy.Refresher.UAS, p.signalling().sessionTimer().refresher());
        assertTrue(p.recording().records(Leg.WEB) && p.recording().records(Leg.IMS));
        assertEquals(ContainerProfile.WEBM, p.recording().format(Leg.WEB));
        assertEquals(ContainerProfile.MP4, p.recording().format(Leg.IMS));
        assertEquals(List.of(new ProcessingStep.AudioLevelMeter(-45), new ProcessingStep.OverlayText("IMS leg", 0.05,
                0.9, 24)), p.processing().forLeg(Leg.IMS));
    }

    @Test
    void theValidTemplateOfTheBrokenCasesIsValid() throws Exception {
        CarrierProfile p = reader.read(write("valid.xml", VALID));
        assertEquals(List.of(new HeaderEdits.Added("X-Carrier", "test")), p.headers().toIms().add());
        assertEquals(SessionTimerPolicy.Refresher.NONE, p.signalling().sessionTimer().refresher(),
                "the schema's default applies");
    }

    private Path bearerProfile(String keyFileText) throws IOException {
        Files.writeString(dir.resolve("idp.key"), keyFileText);
        return write("bearer.xml", VALID.replace(
                "<digest realm=\"web.example.com\" nonce-lifetime=\"300\"/>",
                "<bearer issuer=\"https://idp.example.com\" key-file=\"idp.key\" audience=\"webims\"/>"));
    }

    @Test
    void readsBearerAuthenticationWithAKeyFileBesideTheProfile() throws Exception {
        Path f = bearerProfile("0123456789abcdef0123456789abcdef\n");
        WebAuthentication.Bearer b = (WebAuthentication.Bearer) reader.read(f).webAccess().authentication();
        assertEquals("https://idp.example.com", b.issuer());
        assertEquals(dir.resolve("idp.key").toAbsolutePath().normalize(), b.keyFile());
        assertEquals(Optional.of("webims"), b.audience());
    }

    @Test
    void refusesABearerSharedSecretShorterThan32BytesAtTheBearerLine() throws Exception {
        Path f = bearerProfile("too-short\n");
        ProfileException e = assertThrows(ProfileException.class, () -> reader.read(f));
        assertEquals(lineOf(Files.readString(f), "<bearer"), e.line(), e.getMessage());
        assertTrue(e.reason().contains("holds 9 bytes; an HS256 shared secret needs at least 32"), e.getMessage());
    }

    private static String pem(java.security.PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static java.security.PublicKey generated(String type, java.security.spec.AlgorithmParameterSpec spec)
            throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance(type);
        g.initialize(spec);
        return g.generateKeyPair().getPublic();
    }

    @Test
    void readsAnIssuersP256PublicKeyAsES256AndAnRsaOneAsRS256() throws Exception {
        Path ec = bearerProfile(pem(generated("EC", new java.security.spec.ECGenParameterSpec("secp256r1"))));
        WebAuthentication.Bearer b = (WebAuthentication.Bearer) reader.read(ec).webAccess().authentication();
        assertEquals("ES256", BearerKey.read(b.keyFile()).algorithm());
        Path rsa = bearerProfile(pem(generated("RSA", new java.security.spec.RSAKeyGenParameterSpec(2048,
                java.security.spec.RSAKeyGenParameterSpec.F4))));
        b = (WebAuthentication.Bearer) reader.read(rsa).webAccess().authentication();
        assertEquals("RS256", BearerKey.read(b.keyFile()).algorithm());
    }

    @Test
    void refusesAnEcKeyOffP256AndAShortRsaKeyAtTheBearerLine() throws Exception {
        Path f = bearerProfile(pem(generated("EC", new java.security.spec.ECGenParameterSpec("secp384r1"))));
        ProfileException e = assertThrows(ProfileException.class, () -> reader.read(f));
        assertEquals(lineOf(Files.readString(f), "<bearer"), e.line(), e.getMessage());
        assertTrue(e.reason().contains("not on P-256"), e.getMessage());
        Path g = bearerProfile(pem(generated("RSA", new java.security.spec.RSAKeyGenParameterSpec(1024,
                java.security.spec.RSAKeyGenParameterSpec.F4))));
        e = assertThrows(ProfileException.class, () -> reader.read(g));
        assertTrue(e.reason().contains("1024-bit RSA key; RS256 needs at least 2048"), e.getMessage());
    }

    @Test
    void refusesAPrivateKeyOrABrokenPemBlockAsTheBearerKey() throws Exception {
        Path f = bearerProfile("-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEH\n-----END PRIVATE KEY-----\n");
        ProfileException e = assertThrows(ProfileException.class, () -> reader.read(f));
        assertEquals(lineOf(Files.readString(f), "<bearer"), e.line(), e.getMessage());
        assertTrue(e.reason().contains("not a PUBLIC KEY"), e.getMessage());
        Path g = bearerProfile("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n");
        e = assertThrows(ProfileException.class, () -> reader.read(g));
        assertTrue(e.reason().contains("neither RSA nor EC"), e.getMessage());
    }

    /**
     * Each case replaces one piece of the valid template; the error must name the file, the line
     * where the replacement lands (the line of the given marker text) and the reason.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not well-formed XML            | <as-uri>sip:as.ims.example.com;lr</as-uri>           | <as-uri>sip:as.ims.example.com;lr</as-ur>              | <as-uri>                  | must be terminated by the matching end-tag
            an element the schema lacks    | <amr-wb mode-set="0,1,2"/>                           | <amr-wb mode-set="0,1,2"/><opus/>                      | <opus/>                   | Invalid content was found starting with element
            an unknown 100rel policy       | <preconditions>none</preconditions>                  | <preconditions>always</preconditions>                  | <preconditions>           | 'always' is not facet-valid
            a missing required attribute   | <session-timer interval="1800" min-se="90"/>         | <session-timer interval="1800"/>                       | <session-timer            | Attribute 'min-se' must appear
            a foreign root element         | xmlns="urn:webims:carrier-profile:1"                 | xmlns="urn:example:other"                              | <carrier-profile          | Cannot find the declaration of element 'carrier-profile'
            an S-CSCF that is no SIP URI   | <s-cscf>sip:scscf.ims.example.com;lr</s-cscf>        | <s-cscf>tel:+15550001</s-cscf>                         | <s-cscf>                  | the S-CSCF address 'tel:+15550001' is not a SIP URI
            an AMR-WB mode outside 0..8    | <amr-wb mode-set="0,1,2"/>                           | <amr-wb mode-set="0,1,9"/>                             | <amr-wb                   | AMR-WB mode 9 is outside 0..8
            a recording folder not there   | <recording legs="none"/>                             | <recording legs="ims" folder="no/such/folder"/>        | <recording                | no/such/folder does not exist
            stripping a system header      | <strip name="User-Agent"/>                           | <strip name="Via"/>                                    | <strip                    | cannot strip Via: a system header
            adding a system header         | <add name="X-Carrier" value="test"/>                 | <add name="Call-ID" value="x@y"/>                      | <add                      | cannot add Call-ID: a system header
            H.264 that is not Constrained Baseline | <video h264-profile-level-id="42e01f"/>      | <video h264-profile-level-id="640c1f"/>                | <video                    | '640c1f' is not H.264 Constrained Baseline
            an audio b=AS no speech fits   | <audio>                                              | <audio bandwidth-as="20">                              | <audio                    | bandwidth-as 20 kbit/s is below AMR-WB 6.60
            a video b=AS that is no number | <video h264-profile-level-id="42e01f"/>              | <video bandwidth-as="fast" h264-profile-level-id="42e01f"/> | <video               | 'fast' is not a valid value
            a negative b=RR                | <media>                                              | <media rtcp-rr="-1">                                   | <media                    | '-1' is not facet-valid
            a Min-SE below 90 seconds      | <session-timer interval="1800" min-se="90"/>         | <session-timer interval="1800" min-se="60"/>           | <session-timer            | min-se 60 is below 90 seconds
            an interval below Min-SE       | <session-timer interval="1800" min-se="90"/>         | <session-timer interval="100" min-se="120"/>           | <session-timer            | interval 100 is below min-se 120
            preconditions without 100rel   | <reliable-provisional>supported</reliable-provisional> | <reliable-provisional>none</reliable-provisional>    | <preconditions>           | preconditions need reliable provisional responses
            an IMPU template variable the pattern lacks | ims="sip:+1555{user}@ims.example.com"   | ims="sip:+1555{number}@ims.example.com"                | <map                      | template variable {number} is not in the pattern
            an IMPU template that is no URI | ims="sip:+1555{user}@ims.example.com"               | ims="mailto:{user}@ims.example.com"                    | <map                      | does not make a sip:, sips: or tel: URI
            an origin with a path          | <allowed-origin>https://app.example.com</allowed-origin> | <allowed-origin>https://app.example.com/page</allowed-origin> | <allowed-origin> | is not an origin
            an added header with a bad value | <add name="X-Carrier" value="test"/>               | <add name="Expires" value="soon"/>                     | <add                      | 'soon' is not a valid Expires value
            a bearer key file not there    | <digest realm="web.example.com" nonce-lifetime="300"/> | <bearer issuer="https://idp.example.com" key-file="missing.pem"/> | <bearer  | missing.pem does not exist
            a DOCTYPE (no external entities) | <?xml version="1.0" encoding="UTF-8"?>             | <?xml version="1.0"?><!DOCTYPE x SYSTEM "http://example.com/x.dtd"> | <?xml   | DOCTYPE is disallowed
            """)
    void refusesABrokenProfileWithFileLineAndReason(String description, String original, String replacement,
            String lineMarker, String reason) throws IOException {
        // preconditions need a policy to break: make them required for the 100rel case
        String template = description.startsWith("preconditions")
                ? VALID.replace("<preconditions>none</preconditions>", "<preconditions>required</preconditions>")
                : VALID;
        assertTrue(template.contains(original), "the template has " + original);
        String broken = template.replace(original, replacement);
        Path f = write("broken.xml", broken);
        int expectedLine = lineOf(broken, lineMarker);

        ProfileException e = assertThrows(ProfileException.class, () -> reader.read(f));

        assertEquals(f.toString(), e.file());
        assertEquals(expectedLine, e.line(), e.getMessage());
        assertTrue(e.column() > 0, e.getMessage());
        assertTrue(e.reason().contains(reason), e.getMessage());
        assertTrue(e.getMessage().startsWith(f + ":" + expectedLine + ":" + e.column() + ": "), e.getMessage());
    }

    private static int lineOf(String text, String marker) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(marker + " not in the profile");
    }

    @Test
    void refusesAFileThatCannotBeReadNamingIt() {
        Path missing = dir.resolve("absent.xml");
        ProfileException e = assertThrows(ProfileException.class, () -> reader.read(missing));
        assertEquals(missing.toString(), e.file());
        assertEquals(0, e.line());
        assertTrue(e.reason().startsWith("cannot read"), e.getMessage());
    }
}
