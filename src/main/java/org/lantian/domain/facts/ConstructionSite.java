package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * One construction, demolition, renovation or road-works site at one inspection: the 六定 assignments and
 * dust controls (measure 10), the 六个百分之百 and how a refusal to rectify was handled (measure 12).
 * Shares its partition key with the site's spoil-truck checks and construction waste (measure 11).
 */
public record ConstructionSite(
        @Required String site,
        String name,
        String town,
        SiteKind kind,
        LocalDate inspectedOn,
        Boolean fixedLeader,
        Boolean fixedStaff,
        Boolean fixedVehicles,
        Boolean fixedEquipment,
        Boolean fixedRoute,
        Boolean fixedTime,
        Boolean hoarding,
        Boolean stockpilesCovered,
        Boolean vehicleWashing,
        Boolean groundHardened,
        Boolean wetWork,
        Boolean spoilEnclosed,
        Boolean continuousWatering,
        Boolean bareGroundTreated,
        Boolean earthworksActive,
        Boolean rectificationRefused,
        Boolean refusalReported) implements Fact {

    @Override
    public String subject() {
        return site;
    }

    @Override
    public String partitionKey() {
        return sitePartition(site);
    }

    /** The partition of everything reported about one site. */
    static String sitePartition(String site) {
        return "site/" + site;
    }

    /**
     * Whether wet methods are required: TRUE on a demolition site or while earthworks are active, FALSE when
     * neither, null when that cannot be told (kind not demolition and earthworks not reported).
     */
    public Boolean wetWorkRequired() {
        if (kind == SiteKind.DEMOLITION || Boolean.TRUE.equals(earthworksActive)) return Boolean.TRUE;
        if (kind == null || earthworksActive == null) return null;
        return Boolean.FALSE;
    }
}
