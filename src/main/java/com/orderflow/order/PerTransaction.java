package com.orderflow.order;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value of the current database transaction: created at first use, handed to {@code beforeCommit}
 * when the transaction commits, forgotten when it ends. A transaction started inside it
 * ({@code REQUIRES_NEW}) gets a value of its own while this one is set aside. Once committing, the
 * transaction has no value any more: what comes that late must act by itself.
 */
final class PerTransaction<T> {

    private static final Object COMMITTING = new Object();

    private final Supplier<T> initial;
    private final Consumer<T> beforeCommit;

    PerTransaction(Supplier<T> initial) {
        this(initial, value -> {
        });
    }

    PerTransaction(Supplier<T> initial, Consumer<T> beforeCommit) {
        this.initial = initial;
        this.beforeCommit = beforeCommit;
    }

    /** The value of the current transaction; {@code null} outside one, where every statement commits by itself. */
    @SuppressWarnings("unchecked")
    T current() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Object bound = TransactionSynchronizationManager.getResource(this);
        if (bound == COMMITTING) {
            return null;
        }
        if (bound == null) {
            T value = initial.get();
            TransactionSynchronizationManager.bindResource(this, value);
            TransactionSynchronizationManager.registerSynchronization(new Binding());
            return value;
        }
        return (T) bound;
    }

    private final class Binding implements TransactionSynchronization {
        private Object suspended;

        @Override
        public void suspend() {
            suspended = TransactionSynchronizationManager.unbindResource(PerTransaction.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(PerTransaction.this, suspended);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void beforeCommit(boolean readOnly) {
            T value = (T) TransactionSynchronizationManager.unbindResource(PerTransaction.this);
            TransactionSynchronizationManager.bindResource(PerTransaction.this, COMMITTING);
            beforeCommit.accept(value);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(PerTransaction.this);
        }
    }
}
