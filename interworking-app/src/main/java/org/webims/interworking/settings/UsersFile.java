package org.webims.interworking.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The web users file: one user a line, {@code name password impu} separated by blanks, where
 * impu is the IMS public identity (a sip: or tel: URI); # starts a comment line. A stand-in for
 * the carrier profile's user source until that is on main.
 */
public final class UsersFile {
    private UsersFile() {
    }

    /** The users by name; a bad line fails with the file, line and what is wrong. */
    public static Map<String, WebUser> read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** The users of {@code lines} read from {@code source} (named in errors, e.g. a resource in a jar). */
    public static Map<String, WebUser> parse(String source, List<String> lines) {
        Map<String, WebUser> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            String where = source + ":" + (i + 1) + ": ";
            if (fields.length != 3) {
                throw new IllegalArgumentException(where + "expected 'name password impu', found " + fields.length + " fields");
            }
            if (!fields[2].startsWith("sip:") && !fields[2].startsWith("tel:")) {
                throw new IllegalArgumentException(where + "impu must be a sip: or tel: URI: " + fields[2]);
            }
            if (users.putIfAbsent(fields[0], new WebUser(fields[0], fields[1], fields[2])) != null) {
                throw new IllegalArgumentException(where + "user " + fields[0] + " listed twice");
            }
        }
        return users;
    }
}
