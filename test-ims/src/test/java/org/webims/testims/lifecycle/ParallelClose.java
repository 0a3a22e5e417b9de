package org.webims.testims.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Closes a test's peers side by side. Each JAIN-SIP stack's stop waits a fixed second for its
 * threads to finish; peers that share nothing need not wait for each other's. Returns once every
 * close has returned, so nothing a test started outlives it.
 */
public final class ParallelClose {
    private ParallelClose() {
    }

    /** Closes every non-null {@code closeable} at once; the first failure is thrown, the others suppressed in it. */
    public static void all(List<? extends AutoCloseable> closeables) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (AutoCloseable c : closeables.stream().filter(Objects::nonNull).toList()) {
            Thread t = new Thread(() -> {
                try {
                    c.close();
                } catch (Exception | Error e) {
                    failures.add(e instanceof Exception ex ? ex : new Exception(e));
                }
            }, "test-close-" + c.getClass().getSimpleName());
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            Exception first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
