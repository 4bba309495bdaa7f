package org.lantian.pack;

import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.kie.api.runtime.rule.AccumulateFunction;

/**
 * The accumulate function {@code townOf}: the town of a related fact, such as the enterprise a transport record
 * names, as a {@link Town} whose name is the first town accumulated, or null when no such fact was submitted. The
 * result itself is never null, so a rule fires whether or not the related fact is there (Drools propagates no null
 * accumulate result). A DRL file imports it with {@code import accumulate org.lantian.pack.TownOf townOf;} and
 * binds it in the conditions: {@code accumulate(Enterprise(id == $t.enterprise(), $x : town); $town : townOf($x))}.
 */
public final class TownOf implements AccumulateFunction<TownOf.Towns> {
    /** The town a rule's subject belongs to, as far as the facts tell: {@code name} is null when they do not. */
    public record Town(String name) implements Serializable {
    }

    /** The towns accumulated so far, in the order they came; a retracted fact's town leaves. */
    public static final class Towns implements Serializable {
        private static final long serialVersionUID = 1L;
        private final List<Object> towns = new ArrayList<>();
    }

    @Override
    public Towns createContext() {
        return new Towns();
    }

    @Override
    public void init(Towns context) {
        context.towns.clear();
    }

    @Override
    public void accumulate(Towns context, Object town) {
        context.towns.add(town);
    }

    @Override
    public void reverse(Towns context, Object town) {
        context.towns.remove(town);
    }

    @Override
    public Object getResult(Towns context) {
        return new Town(context.towns.isEmpty() ? null : (String) context.towns.get(0));
    }

    @Override
    public boolean supportsReverse() {
        return true;
    }

    @Override
    public Class<?> getResultType() {
        return Town.class;
    }

    @Override
    public void writeExternal(ObjectOutput out) {
        // no state of its own: every accumulation has its own context
    }

    @Override
    public void readExternal(ObjectInput in) {
        // no state of its own
    }
}
