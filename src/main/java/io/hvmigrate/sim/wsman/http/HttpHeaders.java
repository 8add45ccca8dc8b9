package io.hvmigrate.sim.wsman.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Header fields in arrival order; names compare without regard to case, as HTTP requires. */
public final class HttpHeaders {

    private final List<Map.Entry<String, String>> fields;

    private HttpHeaders(List<Map.Entry<String, String>> fields) {
        this.fields = List.copyOf(fields);
    }

    public static HttpHeaders of(List<Map.Entry<String, String>> fields) {
        return new HttpHeaders(fields);
    }

    public static HttpHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.add(Map.entry(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new HttpHeaders(fields);
    }

    /** The first value of the field, if present. */
    public Optional<String> first(String name) {
        for (Map.Entry<String, String> field : fields) {
            if (field.getKey().equalsIgnoreCase(name)) {
                return Optional.of(field.getValue());
            }
        }
        return Optional.empty();
    }

    /** Every value of the field, in order. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> field : fields) {
            if (field.getKey().equalsIgnoreCase(name)) {
                values.add(field.getValue());
            }
        }
        return values;
    }

    public List<Map.Entry<String, String>> fields() {
        return fields;
    }

    @Override
    public String toString() {
        // Authorization values carry credentials: names only
        return "HttpHeaders" + fields.stream().map(Map.Entry::getKey).toList();
    }
}
