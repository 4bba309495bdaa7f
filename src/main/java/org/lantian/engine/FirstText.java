package org.lantian.engine;

import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serializable;
import java.util.ArrayList;
import org.kie.api.runtime.rule.AccumulateFunction;

/**
 * The accumulate function {@code firstText}: the first text accumulated, null when there is none. A rule that
 * joins a fact to one that may be missing (a fuel sample's outlet, to name its town) binds the value in its
 * conditions instead of collecting a list and taking its head in the consequence:
 * <pre>
 * import accumulate org.lantian.engine.FirstText firstText;
 * …
 *     accumulate(FuelOutlet(id == $s.outlet(), $t : town); $town : firstText($t))
 * </pre>
 * Values leave again when their facts are retracted, so the result is always the first value of the matching
 * facts still there, in the order they were accumulated (as {@code collectList} keeps them).
 */
public final class FirstText implements AccumulateFunction<FirstText.Values> {
    /** The values accumulated so far, in order. */
    public static final class Values implements Serializable {
        private static final long serialVersionUID = 1L;
        final ArrayList<String> values = new ArrayList<>();
    }

    @Override
    public Values createContext() {
        return new Values();
    }

    @Override
    public void init(Values context) {
        context.values.clear();
    }

    @Override
    public void accumulate(Values context, Object value) {
        context.values.add((String) value);
    }

    @Override
    public void reverse(Values context, Object value) {
        context.values.remove(value);
    }

    @Override
    public String getResult(Values context) {
        return context.values.isEmpty() ? null : context.values.get(0);
    }

    @Override
    public boolean supportsReverse() {
        return true;
    }

    @Override
    public Class<?> getResultType() {
        return String.class;
    }

    @Override
    public void writeExternal(ObjectOutput out) {
        // stateless: the state is in the context
    }

    @Override
    public void readExternal(ObjectInput in) {
        // stateless
    }
}
