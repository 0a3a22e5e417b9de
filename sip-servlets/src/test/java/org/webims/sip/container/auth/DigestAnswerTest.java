package org.webims.sip.container.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The digest computation against RFC 7616 §3.9.1's worked example (MD5 and SHA-256, qop=auth). */
class DigestAnswerTest {
    private static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    private static DigestAnswer rfc7616Example(String algorithm) throws Exception {
        return DigestAnswer.to(algorithm, "auth, auth-int", "http-auth@example.org", NONCE, "Mufasa",
                "Circle of Life", "GET", "/dir/index.html", CNONCE);
    }

    @Test
    void md5AnswerMatchesRfc7616Example() throws Exception {
        DigestAnswer a = rfc7616Example("MD5");
        assertEquals("8ca523f5e9506fed4657c9700eebdbec", a.response());
        assertEquals("auth", a.qop());
        assertEquals(1, a.nonceCount());
    }

    @Test
    void sha256AnswerMatchesRfc7616Example() throws Exception {
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
                rfc7616Example("SHA-256").response());
    }

    @Test
    void refusesAnAlgorithmOrQopItCannotAnswer() {
        assertThrows(DigestAnswer.Unanswerable.class, () -> DigestAnswer.to("SHA-512-256", "auth", "r", "n", "u", "p",
                "REGISTER", "sip:r"));
        assertThrows(DigestAnswer.Unanswerable.class, () -> DigestAnswer.to("MD5", "auth-int", "r", "n", "u", "p",
                "REGISTER", "sip:r"));
    }
}
