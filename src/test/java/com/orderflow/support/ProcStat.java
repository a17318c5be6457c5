package com.orderflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One process's or thread's {@code stat} file under {@code /proc} (Linux): its name and its numbered
 * fields as proc(5) numbers them. The name may hold spaces and parentheses, so the fields are counted
 * from its last closing parenthesis.
 */
public record ProcStat(String name, String[] afterName) {

    /** Empty when the process or thread ended since it was listed. */
    public static Optional<ProcStat> read(Path processOrThread) {
        try {
            String stat = Files.readString(processOrThread.resolve("stat"));
            int nameEnd = stat.lastIndexOf(')');
            return Optional.of(new ProcStat(stat.substring(stat.indexOf('(') + 1, nameEnd),
                    stat.substring(nameEnd + 2).split(" ")));
        } catch (NoSuchFileException ended) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Field {@code number} as proc(5) counts them: 3 is the state, 14 utime, 19 nice. */
    public long field(int number) {
        return Long.parseLong(afterName[number - 3]);
    }
}
