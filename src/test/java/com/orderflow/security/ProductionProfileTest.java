package com.orderflow.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderflow.OrderflowApplication;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The production profile refuses to start with a missing, empty or default admin password. */
class ProductionProfileTest {

    @ParameterizedTest(name = "password \"{0}\"")
    @ValueSource(strings = {"", "admin", "   "})
    void refusesToStartWithoutARealAdminPassword(String password) {
        SpringApplicationBuilder app = new SpringApplicationBuilder(OrderflowApplication.class)
                .profiles("postgres")
                .properties("server.port=0", "orderflow.admin.password=" + password,
                        "orderflow.choice.secret=a-choice-secret-long-enough-for-the-check",
                        "camunda.bpm.job-execution.enabled=false");

        assertThatThrownBy(app::run).hasStackTraceContaining("ORDERFLOW_ADMIN_PASSWORD must be set");
    }
}
