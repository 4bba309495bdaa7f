package org.lantian.domain.facts;

import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * One coating, ink, adhesive or cleaner an enterprise uses, with its VOC content as tested or declared.
 * {@code category} is a key of the pack's limit table (ledger.yaml, measure 30 targets {@code limit.<category>}).
 * Measure 30.
 */
public record VocMaterial(
        @Required String enterprise,
        String product,
        String town,
        VocMaterialType materialType,
        String category,
        Double vocContent,
        VocUnit vocUnit) implements Fact {

    /** "QY-0412/水性工业防护涂料 WB-210", or the enterprise id alone when the product is not named. */
    @Override
    public String subject() {
        return product == null ? enterprise : enterprise + "/" + product;
    }
}
