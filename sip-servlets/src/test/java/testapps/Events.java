package testapps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.servlet.ServletContext;

/**
 * What a test application's code did, in order. Kept in a context attribute (the application's
 * classes live in their own class loader; a java.util list is what the test can read back) and,
 * when the context-param testapps.events-file names one, appended to a file, which outlives a
 * deployment that failed.
 */
public final class Events {
    public static final String ATTRIBUTE = "testapps.events";
    public static final String FILE_PARAM = "testapps.events-file";

    private Events() {
    }

    public static synchronized void record(ServletContext context, String event) {
        of(context).add(event);
        String file = context.getInitParameter(FILE_PARAM);
        if (file != null) {
            try {
                Files.writeString(Path.of(file), event + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> of(ServletContext context) {
        Object events = context.getAttribute(ATTRIBUTE);
        if (events == null) {
            events = new CopyOnWriteArrayList<String>();
            context.setAttribute(ATTRIBUTE, events);
        }
        return (List<String>) events;
    }
}
