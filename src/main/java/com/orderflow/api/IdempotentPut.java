package com.orderflow.api;

import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@code PUT} that creates what is not there yet, in a transaction of its own. The same new item put at the
 * same moment (a client's retry, two scripts) was created by the other request first: this one waited for that
 * row, failed on its key and answered 500. It runs again, and now updates what the other created.
 */
public final class IdempotentPut {

    private IdempotentPut() {
    }

    public static <T> T store(TransactionTemplate transaction, Supplier<T> put) {
        try {
            return transaction.execute(status -> put.get());
        } catch (DuplicateKeyException createdMeanwhile) {
            return transaction.execute(status -> put.get());
        }
    }
}
