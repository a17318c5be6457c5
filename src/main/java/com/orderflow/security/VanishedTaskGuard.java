package com.orderflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.TaskService;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 404 for a decision on an ops task that no longer exists. The order moves on while ops decide:
 * the customer chose through their link, the goods arrived, or the order was cancelled, and the task went
 * away with it. The engine answered the late completion with a 500 ("task is null") and a stack trace in
 * the log. Runs after login on {@code /engine-rest}, so only ops learn whether a task exists.
 */
class VanishedTaskGuard extends OncePerRequestFilter {

    private static final Pattern TASK_ACTION = Pattern.compile(
            "/engine-rest(?:/engine/[^/]+)?/task/([^/]+)/(?:complete|submit-form|resolve|claim|unclaim|assignee|delegate)");

    private final TaskService tasks;
    private final ProblemResponses problems;

    VanishedTaskGuard(TaskService tasks, ProblemResponses problems) {
        this.tasks = tasks;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher action = TASK_ACTION.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if ("POST".equals(request.getMethod()) && action.matches()
                && tasks.createTaskQuery().taskId(action.group(1)).count() == 0) {
            problems.write(response, HttpStatus.NOT_FOUND, "Task gone", "Task " + action.group(1)
                    + " does not exist (any more): it was decided already, or its order moved on meanwhile"
                    + " (the customer chose, the goods arrived, or the order was cancelled). Look at the order's"
                    + " timeline and reload the task list.");
            return;
        }
        chain.doFilter(request, response);
    }
}
