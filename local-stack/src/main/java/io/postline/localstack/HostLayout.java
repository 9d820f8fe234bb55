package io.postline.localstack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The service host's class path: every library any hosted service carries, loaded once. A service's own
 * class loader then holds only its own classes, because a shared library must be able to see whatever it
 * refers to (a shared Spring Boot auto-configuration that names Jackson 2 fails if only one service's loader
 * has Jackson 2). The price is that a service also sees libraries its own jar lacks: {@link #foreign} lists
 * them, and the host switches off what they would switch on.
 */
record HostLayout(List<String> shared, Map<String, List<String>> foreign) {

    static HostLayout of(Map<String, ? extends Collection<String>> librariesByService) {
        Set<String> all = new LinkedHashSet<>();
        librariesByService.values().forEach(all::addAll);
        Map<String, List<String>> foreign = new LinkedHashMap<>();
        librariesByService.forEach((service, libraries) -> {
            Set<String> own = Set.copyOf(libraries);
            List<String> lacking = new ArrayList<>();
            for (String library : all) {
                if (!own.contains(library)) {
                    lacking.add(library);
                }
            }
            foreign.put(service, List.copyOf(lacking));
        });
        return new HostLayout(List.copyOf(all), foreign);
    }
}
