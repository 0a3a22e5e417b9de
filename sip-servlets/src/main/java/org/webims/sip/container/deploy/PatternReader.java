package org.webims.sip.container.deploy;

import java.util.ArrayList;
import java.util.List;

/** Reads a sip.xml {@code <pattern>} into a {@link Condition} tree (JSR 289 §16.3). */
final class PatternReader {

    private PatternReader() {
    }

    static Condition read(XmlElement pattern) throws DeploymentException {
        if (pattern.children().size() != 1) {
            throw new DeploymentException(pattern.location(),
                    "<pattern> must hold exactly one condition, found " + pattern.children().size());
        }
        return condition(pattern.children().get(0));
    }

    private static Condition condition(XmlElement e) throws DeploymentException {
        return switch (e.name()) {
            case "and" -> new Condition.And(operands(e));
            case "or" -> new Condition.Or(operands(e));
            case "not" -> {
                if (e.children().size() != 1) {
                    throw new DeploymentException(e.location(),
                            "<not> must hold exactly one condition, found " + e.children().size());
                }
                yield new Condition.Not(condition(e.children().get(0)));
            }
            case "equal" -> new Condition.Equal(variable(e), value(e), ignoreCase(e));
            case "contains" -> new Condition.Contains(variable(e), value(e), ignoreCase(e));
            case "exists" -> new Condition.Exists(variable(e));
            case "subdomain-of" -> new Condition.SubdomainOf(variable(e), value(e));
            default -> throw new DeploymentException(e.location(), "unknown pattern condition <" + e.name()
                    + ">; expected and, or, not, equal, contains, exists or subdomain-of");
        };
    }

    private static List<Condition> operands(XmlElement e) throws DeploymentException {
        if (e.children().isEmpty()) {
            throw new DeploymentException(e.location(), "<" + e.name() + "> holds no condition");
        }
        List<Condition> operands = new ArrayList<>();
        for (XmlElement child : e.children()) {
            operands.add(condition(child));
        }
        return operands;
    }

    private static String variable(XmlElement e) throws DeploymentException {
        XmlElement var = e.child("var").orElseThrow(
                () -> new DeploymentException(e.location(), "<" + e.name() + "> has no <var>"));
        if (PatternVariable.parse(var.text()) == null) {
            throw new DeploymentException(var.location(),
                    "unknown pattern variable '" + var.text() + "'; known: " + PatternVariable.GRAMMAR);
        }
        return var.text();
    }

    private static String value(XmlElement e) throws DeploymentException {
        return e.childText("value").orElseThrow(
                () -> new DeploymentException(e.location(), "<" + e.name() + "> has no <value>"));
    }

    private static boolean ignoreCase(XmlElement e) throws DeploymentException {
        String flag = e.attributes().get("ignore-case");
        // xsd:boolean
        if (flag == null || flag.equals("false") || flag.equals("0")) {
            return false;
        }
        if (flag.equals("true") || flag.equals("1")) {
            return true;
        }
        throw new DeploymentException(e.location(), "ignore-case must be true or false, not '" + flag + "'");
    }
}
