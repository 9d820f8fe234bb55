package io.postline.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU time from {@code /proc/stat} (Linux): what the stack's processes used is only part of
 * it. The rest tells whether something else was busy (the benchmark's own load, another process), whether the
 * processes waited on the disk, and, on a virtual machine, how much time the hypervisor gave to other guests
 * (steal), which makes one machine of a kind slower than another on the same code.
 */
record MachineCpu(double busy, double ioWait, double steal) {
    private static final double TICKS = 100.0; // USER_HZ on Linux

    static MachineCpu snapshot() throws IOException {
        return parse(Files.readAllLines(Path.of("/proc/stat")).getFirst());
    }

    /** The aggregate "cpu" line: user nice system idle iowait irq softirq steal (guest time is inside user). */
    static MachineCpu parse(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (!f[0].equals("cpu")) {
            throw new IllegalArgumentException("not the aggregate cpu line of /proc/stat: " + cpuLine);
        }
        long[] v = new long[8];
        for (int i = 0; i < v.length && i + 1 < f.length; i++) {
            v[i] = Long.parseLong(f[i + 1]);
        }
        return new MachineCpu((v[0] + v[1] + v[2] + v[5] + v[6]) / TICKS, v[4] / TICKS, v[7] / TICKS);
    }

    MachineCpu minus(MachineCpu earlier) {
        return new MachineCpu(busy - earlier.busy, ioWait - earlier.ioWait, steal - earlier.steal);
    }
}
