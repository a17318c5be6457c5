package com.orderflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderflow.support.TestCatalog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;

/**
 * An ops decision that races its order's move (the customer's choice, a receipt) fails in the engine
 * with a 500 naming engine internals; ops get 409 (reload and decide again) or 404 (the task is gone)
 * instead. The chain here answers as {@code /engine-rest} answered such a race; the tasks are the engine's.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
@Import(TestCatalog.class)
@ExtendWith(OutputCaptureExtension.class)
class VanishedTaskGuardTest {

    static final String LOST_RACE = "{\"type\":\"RestException\",\"message\":\"Cannot complete task: ENGINE-03005 Execution of"
            + " 'UPDATE ExecutionEntity[1]' failed. Entity was updated by another transaction concurrently.\"}";

    /** What the engine's REST layer logs for a 500 (ExceptionLogger): a WARN with the whole stack trace. */
    static final String ENGINE_REST_500 = "ENGINE-REST-HTTP500 org.camunda.bpm.engine.rest.exception.RestException";

    @Autowired TaskService tasks;
    @Autowired ProblemResponses problems;
    @Autowired HeldEngineRestLog engineLog;

    VanishedTaskGuard guard;
    Task task;

    @BeforeEach
    void setUp() {
        guard = new VanishedTaskGuard(tasks, problems, engineLog);
        task = tasks.newTask();
        tasks.saveTask(task);
    }

    @AfterEach
    void tearDown() {
        if (tasks.createTaskQuery().taskId(task.getId()).count() > 0) {
            tasks.deleteTask(task.getId(), true);
        }
    }

    @Test
    void aDecisionThatLostTheRaceWhileItsTaskStaysIsAConflictToReloadAndDecideAgain(CapturedOutput log) throws Exception {
        MockHttpServletResponse answer = complete((request, response) -> fail(response, LOST_RACE));

        assertThat(answer.getStatus()).isEqualTo(409);
        assertThat(answer.getContentType()).isEqualTo("application/problem+json");
        assertThat(answer.getContentAsString()).contains("reload the task").doesNotContain("ENGINE-03005", "ExecutionEntity");
        assertThat(log.getOut()).as("ops on call read one line, not the engine's stack trace")
                .contains("A decision on task " + task.getId() + " lost a race with its order (the order changed): answered 409")
                .doesNotContain(ENGINE_REST_500);
    }

    @Test
    void aDecisionWhoseTaskWentAwayMeanwhileIsANotFound(CapturedOutput log) throws Exception {
        MockHttpServletResponse answer = complete((request, response) -> {
            tasks.deleteTask(task.getId(), true);
            fail(response, "{\"type\":\"NullPointerException\",\"message\":\"getParent() is null\"}");
        });

        assertThat(answer.getStatus()).isEqualTo(404);
        assertThat(answer.getContentAsString()).contains(task.getId()).contains("Nothing of your decision was kept")
                .doesNotContain("NullPointerException");
        assertThat(log.getOut()).contains("lost a race with its order (the task went away): answered 404")
                .doesNotContain(ENGINE_REST_500);
    }

    @Test
    void anyOtherFailureAndASuccessPassAsTheyAre(CapturedOutput log) throws Exception {
        MockHttpServletResponse failed = complete((request, response) -> fail(response, "{\"message\":\"something else\"}"));
        MockHttpServletResponse done = complete((request, response) -> ((HttpServletResponse) response)
                .setStatus(204));

        assertThat(failed.getStatus()).isEqualTo(500);
        assertThat(failed.getContentAsString()).isEqualTo("{\"message\":\"something else\"}");
        assertThat(done.getStatus()).isEqualTo(204);
        assertThat(log.getOut()).as("a failure no guard answers keeps the engine's line and stack trace")
                .containsOnlyOnce(ENGINE_REST_500 + ": something else").contains("\tat org.camunda.bpm.engine.rest")
                .doesNotContain("lost a race");
    }

    @Test
    void aFailureThatEscapesTheChainKeepsTheEngineLine(CapturedOutput log) {
        assertThatThrownBy(() -> complete((request, response) -> {
            fail(response, "{\"message\":\"the connection broke\"}");
            throw new ServletException("the connection broke");
        })).isInstanceOf(ServletException.class);

        assertThat(log.getOut()).containsOnlyOnce(ENGINE_REST_500 + ": the connection broke");
    }

    private MockHttpServletResponse complete(FilterChain engineRest) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/engine-rest/task/" + task.getId() + "/complete");
        MockHttpServletResponse response = new MockHttpServletResponse();
        guard.doFilter(request, response, engineRest);
        return response;
    }

    /** Fails as the engine's REST layer fails a request: its WARN line, then the 500 with the message. */
    private static void fail(ServletResponse response, String body) throws IOException {
        String message = body.replaceAll(".*\"message\":\"([^\"]*)\".*", "$1");
        LoggerFactory.getLogger(HeldEngineRestLog.ENGINE_REST_FAILURES).warn(ENGINE_REST_500 + ": " + message
                + "\n\tat org.camunda.bpm.engine.rest.sub.task.impl.TaskResourceImpl.complete(TaskResourceImpl.java:145)");
        HttpServletResponse http = (HttpServletResponse) response;
        http.setStatus(500);
        http.setContentType("application/json");
        http.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
