package org.lantian.input;

import java.util.List;

/** Input that cannot be evaluated; carries every problem found, not just the first. */
public class InvalidInputException extends Exception {
    private final transient List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(problems.size() + " problem(s) in input: " + problems.get(0).describe());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
