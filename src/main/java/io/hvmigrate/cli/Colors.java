package io.hvmigrate.cli;

/** Terminal colours, on only where they help: a terminal, unless the color setting (or NO_COLOR) says otherwise. */
record Colors(boolean on) {

    static Colors of(String setting) {
        return new Colors(switch (setting) {
            case "always" -> true;
            case "never" -> false;
            default -> System.console() != null && System.getenv("NO_COLOR") == null;
        });
    }

    String bold(String s) {
        return sgr("1", s);
    }

    String green(String s) {
        return sgr("32", s);
    }

    String red(String s) {
        return sgr("31", s);
    }

    String yellow(String s) {
        return sgr("33", s);
    }

    String faint(String s) {
        return sgr("2", s);
    }

    private String sgr(String code, String s) {
        return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
