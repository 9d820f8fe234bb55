package io.postline.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Connections the kernel dropped because a listening socket's backlog was full ({@code TcpExtListenOverflows} in
 * {@code /proc/net/netstat}, Linux, the whole machine). A client then sits out its connect timeout: the server
 * never saw the request, so neither its bounds nor its 503 apply. Counting them tells that apart from an
 * overloaded server.
 */
final class ListenOverflows {
    private ListenOverflows() {
    }

    /** The counter now, or -1 where the machine does not have it. */
    static long snapshot() {
        Path netstat = Path.of("/proc/net/netstat");
        try {
            return Files.isReadable(netstat) ? parse(Files.readAllLines(netstat)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The file holds pairs of lines per protocol: "TcpExt: name name ..." then "TcpExt: value value ...". */
    static long parse(List<String> lines) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            String[] names = lines.get(i).trim().split("\\s+");
            String[] values = lines.get(i + 1).trim().split("\\s+");
            if (!names[0].equals("TcpExt:") || !values[0].equals("TcpExt:") || names.length != values.length) {
                continue;
            }
            for (int n = 1; n < names.length; n++) {
                if (names[n].equals("ListenOverflows")) {
                    return Long.parseLong(values[n]);
                }
            }
        }
        throw new IllegalArgumentException("no TcpExt ListenOverflows in /proc/net/netstat");
    }

    /** ", the kernel dropped N connection attempts (…)" when it did; nothing when it did not, or cannot tell. */
    static String describe(long before, long after) {
        if (before < 0 || after < 0 || after == before) {
            return "";
        }
        return String.format(", the kernel dropped %,d connection attempts (a listen backlog full, machine-wide)",
                after - before);
    }
}
