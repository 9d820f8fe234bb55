package io.postline.stage.config;

import java.lang.reflect.InvocationTargetException;

/**
 * Makes Kafka's lz4 codec native. lz4-java's "fastest" instance is its JNI library only when that library is
 * loaded already or lz4-java sits on the system class loader; in a Spring Boot jar it sits on the launcher's
 * class loader, so every producer batch and every fetch used the pure-Java, bounds-checked codec (JFR profiles
 * of the stages, docs/benchmarks.md). Loading the native library once, before the first producer or consumer,
 * turns the fastest instance native for the whole process.
 * <p>
 * By reflection: lz4-java is Kafka's runtime dependency, not ours, and a build without it must still start.
 */
final class NativeLz4 {
    private NativeLz4() {
    }

    /** Loads the native codec where lz4-java is, and says which codec Kafka's compression now uses. */
    static String load(ClassLoader loader) {
        Class<?> factory;
        try {
            factory = Class.forName("net.jpountz.lz4.LZ4Factory", true, loader);
        } catch (ClassNotFoundException e) {
            return "lz4-java absent";
        }
        String failure = "";
        try {
            factory.getMethod("nativeInstance").invoke(null);
        } catch (InvocationTargetException e) {
            failure = " (native library not loaded: " + e.getCause() + ")"; // unsupported platform: Java codec
        } catch (ReflectiveOperationException e) {
            failure = " (" + e + ")";
        }
        try {
            return factory.getMethod("fastestInstance").invoke(null) + failure;
        } catch (ReflectiveOperationException e) {
            return "unknown (" + e + ")";
        }
    }
}
