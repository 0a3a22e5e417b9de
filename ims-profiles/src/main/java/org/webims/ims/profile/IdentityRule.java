package org.webims.ims.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One identity mapping rule: a web identity pattern such as {@code sip:{user}@web.example.com}
 * and an IMPU template such as {@code sip:+1555{user}@ims.example.com} or {@code tel:+1555{user}}.
 * A variable matches one or more characters of a URI user part (no '@', ';', ':' or '>');
 * every variable of the template must appear in the pattern.
 */
public final class IdentityRule {

    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z][a-z0-9-]*)\\}");

    private final String webPattern;
    private final String imsTemplate;
    private final Pattern regex;
    private final List<String> variables;

    private IdentityRule(String webPattern, String imsTemplate, Pattern regex, List<String> variables) {
        this.webPattern = webPattern;
        this.imsTemplate = imsTemplate;
        this.regex = regex;
        this.variables = variables;
    }

    /** @throws IllegalArgumentException naming what is wrong with the pattern or the template */
    public static IdentityRule of(String webPattern, String imsTemplate) {
        Objects.requireNonNull(webPattern, "webPattern");
        Objects.requireNonNull(imsTemplate, "imsTemplate");
        StringBuilder re = new StringBuilder();
        List<String> vars = new ArrayList<>();
        Matcher m = VARIABLE.matcher(webPattern);
        int last = 0;
        while (m.find()) {
            re.append(Pattern.quote(IdentityMapping.normalise(webPattern.substring(last, m.start()))));
            if (vars.contains(m.group(1))) {
                throw new IllegalArgumentException("variable {" + m.group(1) + "} appears twice in " + webPattern);
            }
            vars.add(m.group(1));
            re.append("([^@;:>]+)");
            last = m.end();
        }
        re.append(Pattern.quote(IdentityMapping.normalise(webPattern.substring(last))));
        if (webPattern.replaceAll(VARIABLE.pattern(), "").contains("{")) {
            throw new IllegalArgumentException("bad variable in " + webPattern + " (use {name}, lower case)");
        }
        Matcher t = VARIABLE.matcher(imsTemplate);
        while (t.find()) {
            if (!vars.contains(t.group(1))) {
                throw new IllegalArgumentException("template variable {" + t.group(1) + "} is not in the pattern "
                        + webPattern);
            }
        }
        if (imsTemplate.replaceAll(VARIABLE.pattern(), "").contains("{")) {
            throw new IllegalArgumentException("bad variable in " + imsTemplate + " (use {name}, lower case)");
        }
        return new IdentityRule(webPattern, imsTemplate, Pattern.compile(re.toString()), List.copyOf(vars));
    }

    public String webPattern() {
        return webPattern;
    }

    public String imsTemplate() {
        return imsTemplate;
    }

    /** The template filled with every variable set to {@code sample}, to check the result's syntax. */
    String sample(String sample) {
        return VARIABLE.matcher(imsTemplate).replaceAll(Matcher.quoteReplacement(sample));
    }

    /** The IMPU for a normalised web identity, when this rule's pattern matches it. */
    Optional<String> apply(String normalisedWebIdentity) {
        Matcher m = regex.matcher(normalisedWebIdentity);
        if (!m.matches()) {
            return Optional.empty();
        }
        String out = imsTemplate;
        for (int i = 0; i < variables.size(); i++) {
            out = out.replace("{" + variables.get(i) + "}", m.group(i + 1));
        }
        return Optional.of(out);
    }

    @Override
    public String toString() {
        return webPattern + " -> " + imsTemplate;
    }
}
