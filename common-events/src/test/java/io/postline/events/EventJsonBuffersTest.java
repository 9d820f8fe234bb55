package io.postline.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.util.BufferRecycler;

/**
 * The event mapper keeps its read and write buffers per thread: a thread gets its own back, and another thread
 * never gets them. Jackson's default pool hands a released buffer set to whichever thread asks next.
 */
class EventJsonBuffersTest {

    @Test
    void eachThreadKeepsItsOwnBuffers() throws Exception {
        TokenStreamFactory factory = EventJson.mapper().tokenStreamFactory();
        BufferRecycler mine = factory._getBufferRecycler();
        mine.releaseToPool();

        AtomicReference<BufferRecycler> others = new AtomicReference<>();
        Thread.ofPlatform().start(() -> {
            BufferRecycler theirs = factory._getBufferRecycler();
            others.set(theirs);
            theirs.releaseToPool();
        }).join();

        BufferRecycler again = factory._getBufferRecycler();
        again.releaseToPool();
        assertThat(again).isSameAs(mine);
        assertThat(others.get()).isNotNull().isNotSameAs(mine);
    }
}
