package io.postline.host;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.List;

/**
 * Runs several Postline services in one JVM, each in its own class loader, for a deployment where they all
 * share one small machine. The services stay what they are (own Spring context, ports, consumer group,
 * database schema and pool); what they share is the JVM: one JIT compiles the libraries they all use once
 * instead of once per service, and one heap and one set of JVM threads serve them all. Separate JVMs (and
 * pods) remain the default; this is the local stack's and the benchmarks' one-machine option
 * (docs/architecture.md).
 * <p>
 * Services start one after another, each on a thread whose context class loader is its own, so Spring
 * finds that service's configuration and classes. If one fails to start, the host exits and the
 * already-started ones shut down through their shutdown hooks.
 */
public final class ServiceHost {
    private ServiceHost() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<HostedService> services = HostedService.parse(Arrays.asList(args));
        ClassLoader shared = ServiceHost.class.getClassLoader();
        for (HostedService service : services) {
            Throwable failure = start(service, shared);
            if (failure != null) {
                System.err.println("service-host: " + service.name() + " failed to start: " + failure);
                failure.printStackTrace();
                System.exit(1);
            }
            System.out.println("service-host: " + service.name() + " started");
        }
    }

    /** Runs the service's main method (Spring Boot's returns once the context is up); null when it did. */
    static Throwable start(HostedService service, ClassLoader shared) throws InterruptedException {
        ClassLoader loader = service.classLoader(shared);
        Throwable[] failure = new Throwable[1];
        Thread main = new Thread(() -> {
            try {
                Class.forName(service.mainClass(), true, loader).getMethod("main", String[].class)
                        .invoke(null, (Object) service.arguments().toArray(String[]::new));
            } catch (InvocationTargetException e) {
                failure[0] = e.getCause();
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                failure[0] = e;
            }
        }, service.name() + "-main");
        main.setContextClassLoader(loader);
        main.start();
        main.join();
        return failure[0];
    }
}
