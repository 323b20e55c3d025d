package io.therapyms.systemtests.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The fault run's result table: per check, how many were checked and how many were lost, duplicated, or 5xx. */
final class Tally {

    record Row(String check, long checked, long lost, long duplicated, long serverErrors) {

        long problems() {
            return lost + duplicated + serverErrors;
        }
    }

    private final List<Row> rows = new ArrayList<>();

    void add(String check, long checked, long lost, long duplicated, long serverErrors) {
        rows.add(new Row(check, checked, lost, duplicated, serverErrors));
    }

    long problems() {
        return rows.stream().mapToLong(Row::problems).sum();
    }

    String table() {
        StringBuilder table = new StringBuilder("\n| check | checked | lost | duplicated | 5xx |\n|---|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            table.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d |%n", row.check(), row.checked(),
                    row.lost(), row.duplicated(), row.serverErrors()));
        }
        return table.toString();
    }
}
