package io.hvmigrate.load;

import java.util.List;

/** Input that cannot be used: every problem found, each with its location. Nothing has been contacted. */
public final class InvalidInputException extends RuntimeException {
    private final List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(problems.size() == 1 ? problems.get(0).format() : problems.size() + " problems, first: " + problems.get(0).format());
        this.problems = List.copyOf(problems);
    }

    public static InvalidInputException of(Location at, String message, String fix) {
        return new InvalidInputException(List.of(new Problem(at, message, fix)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
