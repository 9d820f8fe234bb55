package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ListenOverflowsTest {

    @Test
    void readsTheCounterFromItsTcpExtPair() {
        List<String> netstat = List.of(
                "TcpExt: SyncookiesSent SyncookiesRecv ListenOverflows ListenDrops",
                "TcpExt: 0 0 146471 146480",
                "IpExt: InNoRoutes ListenOverflows",
                "IpExt: 7 9");

        assertThat(ListenOverflows.parse(netstat)).isEqualTo(146471);
    }

    @Test
    void refusesAFileWithoutIt() {
        assertThatThrownBy(() -> ListenOverflows.parse(List.of("IpExt: InNoRoutes", "IpExt: 7")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ListenOverflows");
    }

    @Test
    void describesOnlyADrop() {
        assertThat(ListenOverflows.describe(10, 10)).isEmpty();
        assertThat(ListenOverflows.describe(-1, 5)).as("not available").isEmpty();
        assertThat(ListenOverflows.describe(10, 1_510))
                .isEqualTo(", the kernel dropped 1,500 connection attempts (a listen backlog full, machine-wide)");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsThisMachine() {
        assertThat(ListenOverflows.snapshot()).isGreaterThanOrEqualTo(0);
    }
}
