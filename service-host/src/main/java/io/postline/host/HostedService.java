package io.postline.host;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One service inside the host: its main class, what only it has on its class path (its own classes and
 * configuration), and its arguments.
 */
record HostedService(String name, String mainClass, List<Path> classPath, List<String> arguments) {

    HostedService {
        classPath = List.copyOf(classPath);
        arguments = List.copyOf(arguments);
    }

    /**
     * Parses {@code --service=<name> --main=<class> --class-path=<path>[:<path>...] [service arguments...]},
     * repeated once per service; {@code --main} and {@code --class-path} belong to the host, every other
     * argument up to the next {@code --service} to the service.
     */
    static List<HostedService> parse(List<String> args) {
        List<HostedService> services = new ArrayList<>();
        Builder current = null;
        for (String arg : args) {
            if (arg.startsWith("--service=")) {
                if (current != null) {
                    services.add(current.build());
                }
                current = new Builder(arg.substring("--service=".length()));
            } else if (current == null) {
                throw new IllegalArgumentException("expected --service=<name> first, got " + arg);
            } else if (arg.startsWith("--main=")) {
                current.mainClass = arg.substring("--main=".length());
            } else if (arg.startsWith("--class-path=")) {
                for (String p : arg.substring("--class-path=".length()).split(java.io.File.pathSeparator)) {
                    if (!p.isEmpty()) {
                        current.classPath.add(Path.of(p));
                    }
                }
            } else {
                current.arguments.add(arg);
            }
        }
        if (current != null) {
            services.add(current.build());
        }
        if (services.isEmpty()) {
            throw new IllegalArgumentException("no --service=<name> given");
        }
        return services;
    }

    /**
     * Its own class loader over what only it has, delegating first to the host's (the libraries): a class
     * the services share is loaded, and compiled by the JIT, once, while each service finds its own classes
     * and its own {@code application.yml}.
     */
    URLClassLoader classLoader(ClassLoader shared) {
        URL[] urls = new URL[classPath.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = classPath.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(classPath.get(i) + " is not a class-path entry", e);
            }
        }
        return new URLClassLoader(name, urls, shared);
    }

    private static final class Builder {
        private final String name;
        private String mainClass;
        private final List<Path> classPath = new ArrayList<>();
        private final List<String> arguments = new ArrayList<>();

        Builder(String name) {
            this.name = name;
        }

        HostedService build() {
            if (mainClass == null || classPath.isEmpty()) {
                throw new IllegalArgumentException(name + " needs --main=<class> and --class-path=<path>");
            }
            return new HostedService(name, mainClass, classPath, arguments);
        }
    }
}
