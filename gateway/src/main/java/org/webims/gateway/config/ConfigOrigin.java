package org.webims.gateway.config;

/** Where a configuration value came from, so an error can name it. */
public record ConfigOrigin(String description) {
    public static ConfigOrigin fileLine(String file, int line) {
        return new ConfigOrigin(file + ":" + line);
    }

    public static ConfigOrigin flag(String flag) {
        return new ConfigOrigin("command line " + flag);
    }

    public static ConfigOrigin environment(String variable) {
        return new ConfigOrigin("environment " + variable);
    }

    @Override
    public String toString() {
        return description;
    }
}
