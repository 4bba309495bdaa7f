package org.lantian.input;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lantian.domain.Fact;
import org.lantian.domain.facts.*;

/** The fact types a submission may carry, by the name used in its {@code type} field. */
public final class FactTypes {
    private static final List<Class<? extends Fact>> ALL = List.of(
            // roads, sanitation fleet, catering (measures 7, 13, 14, 33–35)
            RoadCleaning.class, SanitationVehicle.class, Restaurant.class
    );

    private static final Map<String, Class<? extends Fact>> BY_NAME = new LinkedHashMap<>();

    static {
        for (Class<? extends Fact> type : ALL) BY_NAME.put(type.getSimpleName(), type);
    }

    private FactTypes() {
    }

    public static Optional<Class<? extends Fact>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    public static List<Class<? extends Fact>> all() {
        return ALL;
    }
}
