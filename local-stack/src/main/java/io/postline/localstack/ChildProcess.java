package io.postline.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A JVM the stack started, with its output in a log file. */
final class ChildProcess {
    private final String name;
    private final List<String> command;
    private final Path log;
    private volatile Process process;

    ChildProcess(String name, List<String> command, Path log) {
        this.name = name;
        this.command = command;
        this.log = log;
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * The JVM option that logs a child's collections and safepoints, with wall-clock times, to {@code <name>-gc.log}
     * in {@code logs}: what to set a latency spike against (docs/benchmarks.md, thirty-fourth REST round). At most
     * two files of 10 MB; a few hundred lines an hour under load.
     */
    static String collectorLog(Path logs, String name) {
        return "-Xlog:gc,safepoint:file=" + logs.resolve(name + "-gc.log") + ":time,uptime:filecount=2,filesize=10m";
    }

    void start() {
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM and wait: the service drains its batch and outbox; then SIGKILL if it does not end in time. */
    void stop(Duration grace) {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    /** SIGKILL, as a crash would. */
    void kill() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }
}
