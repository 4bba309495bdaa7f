package org.lantian.input;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.lantian.domain.Fact;
import org.lantian.domain.facts.*;

/** The fact types a submission may carry, by the name used in its {@code type} field. */
public final class FactTypes {

    /** Roads, sanitation fleet, catering (measures 7, 13, 14, 33–35) and the shared context types. */
    private static final List<Class<? extends Fact>> CORE = List.of(
            RoadCleaning.class, SanitationVehicle.class, Restaurant.class, HoodCleaningAdvice.class,
            WeatherDay.class, TaskProgress.class);

    /** Enterprise and transport facts (measures 1–6, 8, 9, 39–41). */
    private static final List<Class<? extends Fact>> ENTERPRISE_AND_TRANSPORT = List.of(
            Enterprise.class, EmissionTotal.class, ProjectApproval.class, ProductionDay.class,
            UltraLowFiling.class, EmissionTest.class, TransportRecord.class, FuelOutlet.class, FuelSample.class);

    /** Heating, coal, boiler and VOC-material facts (measures 19–26, 30). */
    private static final List<Class<? extends Fact>> ENERGY = List.of(
            HouseholdHeating.class, HeatingConversion.class, CoalSample.class, Boiler.class,
            VocMaterial.class);

    /** Sites, dust, burning, outdoor works and fringe areas (measures 10–12, 15–18, 27–29, 31, 32, 36–38). */
    private static final List<Class<? extends Fact>> SITES_AND_OUTDOORS = List.of(
            ConstructionSite.class, SpoilTruckCheck.class, ConstructionWaste.class, CleaningCampaign.class,
            LandParcel.class, MaterialStorage.class, BarbecueSighting.class, GridCell.class, OpenBurning.class,
            AutoRepairShop.class, OutdoorWork.class, VocProcessRun.class, PileInspection.class);

    private static final Map<String, Class<? extends Fact>> BY_NAME = new LinkedHashMap<>();

    static {
        Stream.of(CORE, ENTERPRISE_AND_TRANSPORT, ENERGY, SITES_AND_OUTDOORS).flatMap(List::stream)
                .forEach(type -> BY_NAME.put(type.getSimpleName(), type));
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
        return List.copyOf(BY_NAME.values());
    }
}
