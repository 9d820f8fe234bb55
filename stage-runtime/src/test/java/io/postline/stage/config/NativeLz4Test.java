package io.postline.stage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * lz4-java and the runtime loaded the way a Spring Boot jar loads them: by a class loader that is not the
 * system one. There lz4-java's fastest codec is pure Java until the native library is loaded.
 */
class NativeLz4Test {

    @Test
    void makesKafkasFastestLz4CodecNativeUnderANonSystemClassLoader() throws Exception {
        assumeTrue(Set.of("amd64", "x86_64", "aarch64").contains(System.getProperty("os.arch")),
                "lz4-java ships a native library for this platform");
        URL lz4 = Class.forName("net.jpountz.lz4.LZ4Factory").getProtectionDomain().getCodeSource().getLocation();
        URL runtime = NativeLz4.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader bootJar = new URLClassLoader(new URL[]{lz4, runtime}, ClassLoader.getPlatformClassLoader())) {
            Class<?> factory = Class.forName("net.jpountz.lz4.LZ4Factory", true, bootJar);
            assertThat(factory.getMethod("fastestInstance").invoke(null)).hasToString("LZ4Factory:JavaSafe");

            var load = Class.forName(NativeLz4.class.getName(), true, bootJar).getDeclaredMethod("load", ClassLoader.class);
            load.setAccessible(true);
            assertThat(load.invoke(null, bootJar)).isEqualTo("LZ4Factory:JNI");
            assertThat(factory.getMethod("fastestInstance").invoke(null)).hasToString("LZ4Factory:JNI");
        }
    }

    @Test
    void saysSoWhenLz4JavaIsAbsent() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            assertThat(NativeLz4.load(empty)).isEqualTo("lz4-java absent");
        }
    }
}
