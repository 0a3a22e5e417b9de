package org.webims.sip.container.deploy;

import java.util.List;

/**
 * A servlet-mapping pattern condition (JSR 289 §16.3, the sip-app schema's and / or / not /
 * equal / contains / exists / subdomain-of). An absent variable matches only {@code not(exists)}.
 */
public sealed interface Condition {

    boolean matches(RequestVariables variables);

    record And(List<Condition> conditions) implements Condition {
        public And {
            conditions = List.copyOf(conditions);
        }

        @Override
        public boolean matches(RequestVariables variables) {
            for (Condition c : conditions) {
                if (!c.matches(variables)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(List<Condition> conditions) implements Condition {
        public Or {
            conditions = List.copyOf(conditions);
        }

        @Override
        public boolean matches(RequestVariables variables) {
            for (Condition c : conditions) {
                if (c.matches(variables)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Condition condition) implements Condition {
        @Override
        public boolean matches(RequestVariables variables) {
            return !condition.matches(variables);
        }
    }

    record Equal(String variable, String value, boolean ignoreCase) implements Condition {
        @Override
        public boolean matches(RequestVariables variables) {
            String actual = variables.resolve(variable);
            return actual != null && (ignoreCase ? actual.equalsIgnoreCase(value) : actual.equals(value));
        }
    }

    record Contains(String variable, String value, boolean ignoreCase) implements Condition {
        @Override
        public boolean matches(RequestVariables variables) {
            String actual = variables.resolve(variable);
            if (actual == null) {
                return false;
            }
            if (!ignoreCase) {
                return actual.contains(value);
            }
            for (int i = 0; i + value.length() <= actual.length(); i++) {
                if (actual.regionMatches(true, i, value, 0, value.length())) {
                    return true;
                }
            }
            return false;
        }
    }

    record Exists(String variable) implements Condition {
        @Override
        public boolean matches(RequestVariables variables) {
            return variables.resolve(variable) != null;
        }
    }

    /** The variable is the domain itself or a name under it; domain names compare case-insensitively (RFC 4343). */
    record SubdomainOf(String variable, String domain) implements Condition {
        @Override
        public boolean matches(RequestVariables variables) {
            String actual = variables.resolve(variable);
            if (actual == null) {
                return false;
            }
            int offset = actual.length() - domain.length();
            if (offset == 0) {
                return actual.equalsIgnoreCase(domain);
            }
            return offset > 0 && actual.charAt(offset - 1) == '.'
                    && actual.regionMatches(true, offset, domain, 0, domain.length());
        }
    }
}
