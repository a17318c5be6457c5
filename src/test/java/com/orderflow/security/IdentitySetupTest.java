package com.orderflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ActiveProfiles;

/** An operator rotating {@code ORDERFLOW_ADMIN_PASSWORD} after a leak: the old password kept logging in. */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class IdentitySetupTest {

    @Autowired IdentityService identity;
    @Autowired AuthorizationService authorizations;

    @Test
    void aChangedAdminPasswordCountsFromTheNextStartAndTheOldOneNoLonger(CapturedOutput log) {
        try {
            start("rotated-Password-88");

            assertThat(identity.checkPassword("admin", "rotated-Password-88")).isTrue();
            assertThat(identity.checkPassword("admin", "admin")).isFalse();
            assertThat(log).contains("Set the password of admin to ORDERFLOW_ADMIN_PASSWORD");
            assertThat(identity.createUserQuery().userId("admin").memberOfGroup(IdentitySetup.OPS).count()).isOne();
        } finally {
            start("admin");
        }
        assertThat(identity.checkPassword("admin", "admin")).as("as the other tests know it").isTrue();
    }

    private void start(String adminPassword) {
        new IdentitySetup(identity, authorizations, new IdentityProperties(adminPassword, false), false).run(null);
    }
}
