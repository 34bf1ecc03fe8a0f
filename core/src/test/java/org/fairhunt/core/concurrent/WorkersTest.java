package org.fairhunt.core.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.fairhunt.core.UserInputException;
import org.junit.jupiter.api.Test;

class WorkersTest {

    @Test
    void results_come_back_in_task_order_even_when_later_tasks_finish_first() {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int k = i;
            tasks.add(() -> {
                Thread.sleep(8 - k);
                return k * k;
            });
        }
        try (Workers w = new Workers(4, "test")) {
            assertEquals(List.of(0, 1, 4, 9, 16, 25, 36, 49), w.invokeAll(tasks, "squares"));
        }
    }

    @Test
    void a_task_exception_reaches_the_caller_unchanged() {
        UserInputException thrown = new UserInputException("bad row 7");
        List<Callable<Integer>> tasks = List.of(() -> 1, () -> {
            throw thrown;
        });
        try (Workers w = new Workers(2, "test")) {
            assertSame(thrown, assertThrows(UserInputException.class, () -> w.invokeAll(tasks, "work")));
        }
    }

    @Test
    void ranges_cover_every_index_exactly_once() {
        int n = 1003;
        AtomicIntegerArray seen = new AtomicIntegerArray(n);
        try (Workers w = new Workers(3, "test")) {
            w.forRanges(n, 7, "ranges", (from, to) -> {
                for (int i = from; i < to; i++) {
                    seen.incrementAndGet(i);
                }
            });
        }
        for (int i = 0; i < n; i++) {
            assertEquals(1, seen.get(i), "index " + i);
        }
    }
}
