package org.lantian.batch;

/**
 * Where a fact of the night came from: the input file (by its index in the run's list), the line, the
 * submission id (null when a bare fact names none) and whether it came bare (a JSON Lines or CSV record)
 * rather than inside a submission object.
 */
public record Origin(int file, long line, String submission, boolean bare) {
}
