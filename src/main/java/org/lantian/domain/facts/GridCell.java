package org.lantian.domain.facts;

import java.util.ArrayList;
import java.util.List;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * One cell of the open-burning supervision grid (网格) with its 四定 assignments (measure 28). Shares its
 * partition key with the open burnings seen in the cell.
 */
public record GridCell(
        @Required String cell,
        String town,
        Boolean fixedPoint,
        Boolean fixedTime,
        Boolean fixedPerson,
        Boolean fixedDuty) implements Fact {

    @Override
    public String subject() {
        return cell;
    }

    @Override
    public String partitionKey() {
        return gridPartition(cell);
    }

    static String gridPartition(String cell) {
        return "grid/" + cell;
    }

    /** The assignments reported as present. */
    public int assigned() {
        return names(Boolean.TRUE).size();
    }

    /** The assignments reported missing, by field name (fixedTime …; the pack words them: GridAssignment). */
    public List<String> missing() {
        return names(Boolean.FALSE);
    }

    /** The assignments not reported. */
    public List<String> unreported() {
        return names(null);
    }

    private List<String> names(Boolean state) {
        List<String> out = new ArrayList<>();
        Boolean[] values = {fixedPoint, fixedTime, fixedPerson, fixedDuty};
        String[] names = {"fixedPoint", "fixedTime", "fixedPerson", "fixedDuty"};
        for (int i = 0; i < values.length; i++) {
            if (state == null ? values[i] == null : state.equals(values[i])) out.add(names[i]);
        }
        return out;
    }
}
