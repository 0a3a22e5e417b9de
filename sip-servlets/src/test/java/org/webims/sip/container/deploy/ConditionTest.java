package org.webims.sip.container.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionTest {
    private static final RequestVariables INVITE_TO_ALICE = Map.of(
            "request.method", "INVITE",
            "request.to.uri.user", "alice",
            "request.to.uri.host", "ims.Example.com",
            "request.from.display-name", "Bob Smith")::get;

    @Test
    void equalComparesExactlyUnlessIgnoreCase() {
        assertTrue(new Condition.Equal("request.method", "INVITE", false).matches(INVITE_TO_ALICE));
        assertFalse(new Condition.Equal("request.method", "invite", false).matches(INVITE_TO_ALICE));
        assertTrue(new Condition.Equal("request.method", "invite", true).matches(INVITE_TO_ALICE));
    }

    @Test
    void containsFindsSubstringWithOptionalIgnoreCase() {
        assertTrue(new Condition.Contains("request.from.display-name", "Smith", false).matches(INVITE_TO_ALICE));
        assertFalse(new Condition.Contains("request.from.display-name", "smith", false).matches(INVITE_TO_ALICE));
        assertTrue(new Condition.Contains("request.from.display-name", "SMITH", true).matches(INVITE_TO_ALICE));
        assertFalse(new Condition.Contains("request.from.display-name", "Jones", true).matches(INVITE_TO_ALICE));
    }

    @Test
    void existsIsTrueOnlyForPresentVariables() {
        assertTrue(new Condition.Exists("request.to.uri.user").matches(INVITE_TO_ALICE));
        assertFalse(new Condition.Exists("request.uri.param.lr").matches(INVITE_TO_ALICE));
    }

    @Test
    void subdomainOfMatchesTheDomainAndNamesUnderItCaseInsensitively() {
        assertTrue(new Condition.SubdomainOf("request.to.uri.host", "example.com").matches(INVITE_TO_ALICE));
        assertTrue(new Condition.SubdomainOf("request.to.uri.host", "ims.example.COM").matches(INVITE_TO_ALICE));
        assertFalse(new Condition.SubdomainOf("request.to.uri.host", "ample.com").matches(INVITE_TO_ALICE));
        assertFalse(new Condition.SubdomainOf("request.to.uri.host", "other.ims.example.com").matches(INVITE_TO_ALICE));
    }

    @Test
    void absentVariableMatchesNoComparison() {
        RequestVariables none = name -> null;
        assertFalse(new Condition.Equal("request.method", "INVITE", true).matches(none));
        assertFalse(new Condition.Contains("request.method", "", false).matches(none));
        assertFalse(new Condition.SubdomainOf("request.uri.host", "example.com").matches(none));
        assertTrue(new Condition.Not(new Condition.Exists("request.method")).matches(none));
    }

    @Test
    void andOrNotCombineTheirOperands() {
        Condition invite = new Condition.Equal("request.method", "INVITE", false);
        Condition toBob = new Condition.Equal("request.to.uri.user", "bob", false);
        assertFalse(new Condition.And(List.of(invite, toBob)).matches(INVITE_TO_ALICE));
        assertTrue(new Condition.Or(List.of(toBob, invite)).matches(INVITE_TO_ALICE));
        assertTrue(new Condition.And(List.of(invite, new Condition.Not(toBob))).matches(INVITE_TO_ALICE));
        assertFalse(new Condition.Or(List.of(toBob, new Condition.Not(invite))).matches(INVITE_TO_ALICE));
    }
}
