package org.webims.ims.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class IdentityMappingTest {

    private final IdentityMapping mapping = new IdentityMapping(List.of(
            IdentityRule.of("sip:{user}@web.example.com", "sip:+1555{user}@ims.example.com;user=phone"),
            IdentityRule.of("sip:{user}@partner.example.org", "tel:+4930{user}")), Optional.empty());

    @Test
    void mapsAWebUserToASipImpu() {
        assertEquals(Optional.of("sip:+15551234@ims.example.com;user=phone"), mapping.map("sip:1234@web.example.com"));
    }

    @Test
    void mapsAWebUserToATelImpu() {
        assertEquals(Optional.of("tel:+49307788"), mapping.map("sip:7788@partner.example.org"));
    }

    @Test
    void ignoresUriParametersAndHostCase() {
        assertEquals(Optional.of("sip:+15551234@ims.example.com;user=phone"),
                mapping.map("SIP:1234@Web.Example.COM;transport=ws"));
    }

    @Test
    void refusesAnIdentityNoRuleMatchesWhenThereIsNoDefault() {
        assertEquals(Optional.empty(), mapping.map("sip:1234@other.example.com"));
        assertEquals(Optional.empty(), mapping.map("sip:@web.example.com"), "a variable matches at least one character");
        assertEquals(Optional.empty(), mapping.map("sip:a@b@web.example.com"), "a variable never spans an '@'");
    }

    @Test
    void fallsBackToTheDefaultImpu() {
        IdentityMapping withDefault = new IdentityMapping(mapping.rules(), Optional.of("sip:+15550000@ims.example.com"));
        assertEquals(Optional.of("sip:+15550000@ims.example.com"), withDefault.map("sip:bob@other.example.com"));
        assertEquals(Optional.of("tel:+49307788"), withDefault.map("sip:7788@partner.example.org"),
                "a matching rule wins over the default");
    }

    @Test
    void theFirstMatchingRuleWins() {
        IdentityMapping twoRules = new IdentityMapping(List.of(
                IdentityRule.of("sip:vip-{user}@web.example.com", "tel:+1800{user}"),
                IdentityRule.of("sip:{user}@web.example.com", "tel:+1555{user}")), Optional.empty());
        assertEquals(Optional.of("tel:+18001"), twoRules.map("sip:vip-1@web.example.com"));
        assertEquals(Optional.of("tel:+15552"), twoRules.map("sip:2@web.example.com"));
    }

    @Test
    void refusesATemplateVariableThePatternLacks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdentityRule.of("sip:{user}@web.example.com", "tel:+1555{number}"));
        assertTrue(e.getMessage().contains("{number}"), e.getMessage());
    }

    @Test
    void regexCharactersInThePatternAreLiteral() {
        IdentityMapping dotted = new IdentityMapping(List.of(IdentityRule.of("sip:{user}@web.example.com", "tel:{user}")),
                Optional.empty());
        assertEquals(Optional.empty(), dotted.map("sip:1@webXexampleYcom"));
    }
}
