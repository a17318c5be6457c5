package com.orderflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderflow.support.MigrationContext;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricFormField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A payment token ops submitted in Tasklist before form fields were withheld stays readable in the
 * engine's history until schema version 30 withholds it; the other fields of the form are left as they were.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
class WithheldFormFieldHistoryMigrationTest {

    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired HistoryService history;
    @Autowired WithheldFormFieldHistoryMigration migration;

    @Test
    void aTokenSubmittedBeforeTheFixIsWithheldAndTheDecisionBesideItKept() throws Exception {
        String taskId = "leaked-" + UUID.randomUUID();
        submittedAsBeforeTheFix(taskId, "newPaymentToken", "tok_mastercard");
        submittedAsBeforeTheFix(taskId, "lapseDecision", "AUTHORIZE_AGAIN");

        try (Connection connection = dataSource.getConnection()) {
            migration.migrate(MigrationContext.on(connection));
        }

        assertThat(history.createHistoricDetailQuery().taskId(taskId).formFields().list())
                .extracting(detail -> ((HistoricFormField) detail).getFieldId() + "=" + ((HistoricFormField) detail).getFieldValue())
                .containsExactlyInAnyOrder("newPaymentToken=(withheld)", "lapseDecision=AUTHORIZE_AGAIN");
    }

    /** The row the engine wrote for a submitted form field, as history level full writes it. */
    private void submittedAsBeforeTheFix(String taskId, String field, String value) {
        jdbc.sql("""
                        INSERT INTO act_hi_detail (id_, type_, task_id_, name_, text_, time_, sequence_counter_)
                        VALUES (?, 'FormProperty', ?, ?, ?, ?, 1)""")
                .params(UUID.randomUUID().toString(), taskId, field, value, Timestamp.from(Instant.now())).update();
    }
}
