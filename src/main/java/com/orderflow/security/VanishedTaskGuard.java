package com.orderflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Answers 404 for a decision on an ops task that no longer exists. The order moves on while ops decide:
 * the customer chose through their link, the goods arrived, or the order was cancelled, and the task went
 * away with it. The engine answered the late completion with a 500 ("task is null") and a stack trace in
 * the log. Runs after login on {@code /engine-rest}, so only ops learn whether a task exists, and on the
 * webapps' API for a logged-in session, where Tasklist sends its decisions.
 * <p>
 * A decision that races the order's move, the task still there when it starts, fails in the engine with
 * a 500 naming engine internals (the order's execution "was updated by another transaction", or a
 * half-removed execution). Nothing of it was kept: it is answered 404 when the task is gone by then, and
 * otherwise 409, to reload the task, which now shows what happened, and decide again.
 */
class VanishedTaskGuard extends OncePerRequestFilter {

    private static final Pattern TASK_ACTION = Pattern.compile(
            "(/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)/task/([^/]+)/"
                    + "(?:complete|submit-form|resolve|claim|unclaim|assignee|delegate)");

    /** The engine's code for an entity another transaction changed first (an OptimisticLockingException). */
    static final String CONCURRENT_UPDATE = "ENGINE-03005";

    private static final Logger LOG = LoggerFactory.getLogger(VanishedTaskGuard.class);

    private final TaskService tasks;
    private final ProblemResponses problems;
    private final HeldEngineRestLog engineLog;

    VanishedTaskGuard(TaskService tasks, ProblemResponses problems, HeldEngineRestLog engineLog) {
        this.tasks = tasks;
        this.problems = problems;
        this.engineLog = engineLog;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher action = TASK_ACTION.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if (!"POST".equals(request.getMethod()) || !action.matches()
                || action.group(1).startsWith("/camunda/") && !loggedInToWebapps(request.getSession(false))) {
            chain.doFilter(request, response);
            return;
        }
        String taskId = action.group(2);
        if (tasks.createTaskQuery().taskId(taskId).count() == 0) {
            problems.write(response, HttpStatus.NOT_FOUND, "Task gone", "Task " + taskId
                    + " does not exist (any more): it was decided already (perhaps by another ops user), or its order"
                    + " moved on meanwhile (the customer chose, the goods arrived, or the order was cancelled). Look at"
                    + " the order's timeline and reload the task list.");
            return;
        }
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        HeldEngineRestLog.HeldLines engineLines = engineLog.holdWhile(() -> chain.doFilter(request, answer));
        if (answer.getStatus() != HttpStatus.INTERNAL_SERVER_ERROR.value()) {
            engineLines.logAsTheEngineDid();
            answer.copyBodyToResponse();
            return;
        }
        String failure = new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8);
        boolean gone = tasks.createTaskQuery().taskId(taskId).count() == 0;
        if (!gone && !failure.contains(CONCURRENT_UPDATE)) {
            engineLines.logAsTheEngineDid();
            answer.copyBodyToResponse();
            return;
        }
        answer.resetBuffer();
        LOG.info("A decision on task {} lost a race with its order ({}): answered {}, nothing of it kept", taskId,
                gone ? "the task went away" : "the order changed", gone ? 404 : 409);
        if (gone) {
            problems.write(response, HttpStatus.NOT_FOUND, "Task gone", "Task " + taskId
                    + " went away while your decision was being saved: another ops user decided it, or its order moved on"
                    + " meanwhile (the customer chose, the goods arrived, or the order was cancelled). Nothing of your"
                    + " decision was kept."
                    + " Look at the order's timeline.");
        } else {
            problems.write(response, HttpStatus.CONFLICT, "Order changed meanwhile", "The order of task "
                    + taskId + " changed while your decision was being saved (the customer chose, goods"
                    + " arrived, or a timer fired). Nothing of your decision was kept: reload the task, which now"
                    + " shows what happened, and decide again.");
        }
    }

    /** Tasklist's own calls: only a session the webapps let in learns whether a task exists. */
    private static boolean loggedInToWebapps(HttpSession session) {
        Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        return authentications != null && !authentications.getAuthentications().isEmpty();
    }
}
