package com.orderflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderflow.support.LockRace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.RequestEntity;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The engine's own surfaces: {@code /engine-rest} for ops only, the webapps behind their login
 * with authorisations on, and no query expressions on either.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "orderflow.demo.data=true")
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class EngineSurfaceSecurityTest {

    static final String EXPRESSION_QUERY = "{\"candidateGroupExpression\": \"${'ops'}\"}";
    static final String EXPRESSION_IN_OR_QUERY =
            "{\"orQueries\": [{\"name\": \"x\"}, {\"assigneeExpression\": \"\\u0024{currentUser()}\"}]}";

    @Autowired TestRestTemplate http;
    @Autowired TaskService tasks;
    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;
    @Autowired IdentityService identity;
    @LocalServerPort int port;

    String opsTaskId;

    @BeforeEach
    void opsTaskExists() {
        if (opsTaskId == null) {
            Task task = tasks.newTask();
            task.setName("Resolve something for ops");
            tasks.saveTask(task);
            tasks.addCandidateGroup(task.getId(), IdentitySetup.OPS);
            opsTaskId = task.getId();
        }
    }

    @Test
    void engineRestIsForOpsOnly() {
        assertThat(get(http, "/engine-rest/user").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get(http.withBasicAuth("shop", "shop"), "/engine-rest/user").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get(http.withBasicAuth("warehouse", "warehouse"), "/engine-rest/task").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> ops = get(http.withBasicAuth("admin", "admin"), "/engine-rest/task");
        assertThat(ops.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ops.getBody().findValuesAsText("id")).contains(opsTaskId);
    }

    /** Deleting a waiting order's process left its card held and its stock reserved, with no trace on the order. */
    @Test
    void engineRestRefusesDeletingAnOpenOrdersProcessSayingToCancelTheOrder() {
        String orderId = "DEL-" + UUID.randomUUID();
        assertThat(ApiSecurityTest.send(http.withBasicAuth("shop", "shop"), HttpMethod.POST, "/api/orders", """
                {"orderId": "%s", "customer": {"name": "Ada", "email": "ada@example.com"},
                 "lines": [{"sku": "SHELF-PINE", "quantity": 1}], "payment": {"token": "tok_visa"}}""".formatted(orderId))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        TestRestTemplate ops = http.withBasicAuth("admin", "admin");
        String instance = get(ops, "/engine-rest/process-instance?businessKey=" + orderId).getBody().get(0).get("id").asText();

        ResponseEntity<JsonNode> refused = ops.exchange("/engine-rest/process-instance/" + instance
                + "?skipCustomListeners=true", HttpMethod.DELETE, null, JsonNode.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("message").asText()).contains("Order " + orderId + " is ", "Cancel the order instead",
                "nothing was deleted");
        assertThat(get(ops, "/engine-rest/process-instance/" + instance).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void engineRestRefusesExpressionsInQueriesEvenInsideOrQueries() {
        TestRestTemplate ops = http.withBasicAuth("admin", "admin");

        assertThat(ApiSecurityTest.send(ops, HttpMethod.POST, "/engine-rest/task", "{\"candidateGroup\": \"ops\"}")
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ApiSecurityTest.send(ops, HttpMethod.POST, "/engine-rest/task", EXPRESSION_QUERY)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ApiSecurityTest.send(ops, HttpMethod.POST, "/engine-rest/task", EXPRESSION_IN_OR_QUERY)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ApiSecurityTest.send(ops, HttpMethod.POST, "/engine-rest/task/count", EXPRESSION_IN_OR_QUERY)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ApiSecurityTest.send(ops, HttpMethod.POST, "/engine-rest/process-instance",
                "{\"orQueries\": [{\"businessKey\": \"#{1+1}\"}]}").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ApiSecurityTest.send(ops, HttpMethod.POST, "/engine-rest/filter",
                "{\"resourceType\": \"Task\", \"name\": \"evil\", \"query\": " + EXPRESSION_QUERY + "}")
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(get(ops, "/engine-rest/task?assigneeExpression=%2524%257BcurrentUser()%257D").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void webappsRefuseExpressionsInQueriesAndShowOpsTheirTasks() throws Exception {
        WebappSession ops = WebappSession.logIn(port, "tasklist", "admin", "admin");
        assertThat(ops.status()).as(ops.body()).isEqualTo(200);

        HttpResponse<String> plain = ops.post("/camunda/api/engine/engine/default/task", "{\"candidateGroup\": \"ops\"}");
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
        assertThat(plain.body()).contains(opsTaskId);
        assertThat(ops.post("/camunda/api/engine/engine/default/task", EXPRESSION_QUERY).statusCode()).isEqualTo(400);
        assertThat(ops.post("/camunda/api/engine/engine/default/task", EXPRESSION_IN_OR_QUERY).statusCode()).isEqualTo(400);
    }

    /** PostgreSQL refuses NUL in text: a query or a task name holding one failed the engine's statement with a 500. */
    @Test
    void aNulCharacterInAnEngineRequestIsABadRequest() {
        TestRestTemplate ops = http.withBasicAuth("admin", "admin");
        for (String path : new String[] {"/engine-rest/task?name=a%00b", "/engine-rest/process-instance?businessKey=a%00b"}) {
            ResponseEntity<JsonNode> refused = ops.exchange(URI.create(ops.getRootUri() + path), HttpMethod.GET,
                    null, JsonNode.class);
            assertThat(refused.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        }
        assertThat(ApiSecurityTest.send(ops, HttpMethod.POST, "/engine-rest/task", "{\"name\": \"a\\u0000b\"}")
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ops.exchange(URI.create(ops.getRootUri() + "/engine-rest/task?name=ab"), HttpMethod.GET, null,
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);

        // A file uploaded as a variable's data holds NUL bytes as a matter of course: it reaches the engine.
        LinkedMultiValueMap<String, Object> upload = new LinkedMultiValueMap<>();
        upload.add("data", new ByteArrayResource(new byte[] {'P', 'K', 0, 0, 3, 4}) {
            @Override
            public String getFilename() {
                return "report.zip";
            }
        });
        HttpHeaders multipart = new HttpHeaders();
        multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<String> uploaded = ops.exchange("/engine-rest/task/no-such-task/variables/report/data", HttpMethod.POST,
                new HttpEntity<>(upload, multipart), String.class);
        assertThat(uploaded.getBody()).as("not refused by the guard").doesNotContain("NUL character not allowed");
    }

    /** PostgreSQL refuses a negative LIMIT; the engine passed it on and answered 500, to any webapp user too. */
    @Test
    void negativeOrNonNumericPagingIsRefusedWhereTheEngineWouldFail() throws Exception {
        TestRestTemplate ops = http.withBasicAuth("admin", "admin");
        for (String paging : new String[] {"maxResults=-5", "firstResult=-1", "maxResults=%2D5", "maxResults=2147483648"}) {
            ResponseEntity<JsonNode> refused = get(ops, "/engine-rest/task?" + paging);
            assertThat(refused.getStatusCode()).as(paging).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        }
        assertThat(get(ops, "/engine-rest/task?firstResult=0&maxResults=2147483647").getStatusCode()).isEqualTo(HttpStatus.OK);
        // Beyond what PostgreSQL's timestamps hold: a 500 with the SQL error in the log.
        ResponseEntity<JsonNode> farDate = ops.exchange(RequestEntity.get(URI.create(ops.getRootUri()
                + "/engine-rest/history/process-instance?startedAfter=299999-01-01T00:00:00.000%2B0000")).build(), JsonNode.class);
        assertThat(farDate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(farDate.getBody().toString()).contains("startedAfter must be a date from the year 0001 to 9999");
        ResponseEntity<JsonNode> nearDate = ops.exchange(RequestEntity.get(URI.create(ops.getRootUri()
                + "/engine-rest/history/process-instance?startedAfter=9999-01-01T00:00:00.000%2B0000&maxResults=1")).build(), JsonNode.class);
        assertThat(nearDate.getStatusCode()).as(String.valueOf(nearDate.getBody())).isEqualTo(HttpStatus.OK);
        // The same query as a JSON body, as Cockpit and API clients send it.
        ResponseEntity<JsonNode> farInBody = ops.exchange(RequestEntity.post(URI.create(ops.getRootUri()
                        + "/engine-rest/history/process-instance")).contentType(MediaType.APPLICATION_JSON)
                .body("{\"startedAfter\":\"299999-01-01T00:00:00.000+0000\"}"), JsonNode.class);
        assertThat(farInBody.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(farInBody.getBody().toString()).contains("startedAfter must be a date from the year 0001 to 9999");
        ResponseEntity<JsonNode> nearInBody = ops.exchange(RequestEntity.post(URI.create(ops.getRootUri()
                        + "/engine-rest/history/process-instance?maxResults=1")).contentType(MediaType.APPLICATION_JSON)
                .body("{\"startedAfter\":\"9999-01-01T00:00:00.000+0000\"}"), JsonNode.class);
        assertThat(nearInBody.getStatusCode()).as(String.valueOf(nearInBody.getBody())).isEqualTo(HttpStatus.OK);

        WebappSession webapp = WebappSession.logIn(port, "tasklist", "admin", "admin");
        assertThat(webapp.post("/camunda/api/engine/engine/default/task?maxResults=-5", "{}").statusCode()).isEqualTo(400);
        assertThat(webapp.post("/camunda/api/engine/engine/default/task?firstResult=0&maxResults=15", "{}").statusCode())
                .isEqualTo(200);
    }

    /**
     * A completion for a task the order's progress removed meanwhile answered 500 "task is null", on
     * {@code /engine-rest} and in Tasklist, whose decisions go through the webapps' API.
     */
    @Test
    void aDecisionOnATaskThatIsGoneIsANotFoundNamingIt() throws Exception {
        TestRestTemplate ops = http.withBasicAuth("admin", "admin");
        String gone = "0b7e6a4e-0000-4000-8000-000000000000";

        for (String action : new String[] {"complete", "submit-form", "claim"}) {
            ResponseEntity<JsonNode> answer = ApiSecurityTest.send(ops, HttpMethod.POST,
                    "/engine-rest/task/" + gone + "/" + action, "{\"variables\": {\"opsDecision\": {\"value\": \"CANCEL\"}}}");
            assertThat(answer.getStatusCode()).as(action).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(answer.getBody().get("detail").asText()).contains(gone).contains("moved on meanwhile");
        }
        assertThat(ApiSecurityTest.send(http.withBasicAuth("shop", "shop"), HttpMethod.POST,
                "/engine-rest/task/" + gone + "/complete", "{}").getStatusCode()).as("only ops learn of it")
                .isEqualTo(HttpStatus.FORBIDDEN);

        String tasklistPath = "/camunda/api/engine/engine/default/task/" + gone + "/submit-form";
        HttpResponse<String> inTasklist = WebappSession.logIn(port, "tasklist", "admin", "admin")
                .post(tasklistPath, "{\"variables\": {\"lapseDecision\": {\"value\": \"AUTHORIZE_AGAIN\"}}}");
        assertThat(inTasklist.statusCode()).as(inTasklist.body()).isEqualTo(404);
        assertThat(inTasklist.body()).contains(gone).contains("moved on meanwhile");
        assertThat(WebappSession.logIn(port, "tasklist", "admin", "wrong").post(tasklistPath, "{}").statusCode())
                .as("a session not logged in learns nothing").isIn(401, 403);
    }

    /**
     * Ops correlating a message (CancelOrder) while another cancellation moved the process on: the engine's
     * delete of the subscription found it changed by the other transaction and {@code /engine-rest} answered
     * 500 with the engine's internals. Here the test's transaction is the other one: it holds the subscription's
     * row until the correlation waits for it, then changes it.
     */
    @Test
    void aMessageCorrelationThatLosesARaceIsAConflict(CapturedOutput log) throws Exception {
        String message = "RaceMessage" + System.nanoTime();
        String key = "race" + System.nanoTime();
        repository.createDeployment().addModelInstance("race.bpmn", Bpmn.createExecutableProcess(key)
                .camundaHistoryTimeToLive(1).startEvent().intermediateCatchEvent().message(message).endEvent().done())
                .deploy();
        String instance = runtime.startProcessInstanceByKey(key).getId();
        String subscription = runtime.createEventSubscriptionQuery().processInstanceId(instance).singleResult().getId();

        ResponseEntity<JsonNode> answer = new LockRace(transaction, jdbc).whileThisTransactionHolds(
                () -> jdbc.sql("SELECT id_ FROM act_ru_event_subscr WHERE id_ = ? FOR UPDATE").param(subscription)
                        .query(String.class).single(),
                () -> ApiSecurityTest.send(http.withBasicAuth("admin", "admin"), HttpMethod.POST, "/engine-rest/message",
                        "{\"messageName\": \"" + message + "\", \"processInstanceId\": \"" + instance + "\"}"),
                () -> jdbc.sql("UPDATE act_ru_event_subscr SET rev_ = rev_ + 1 WHERE id_ = ?").param(subscription).update());

        assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.getBody().get("detail").asText()).contains("Nothing of this correlation was kept");
        assertThat(answer.getBody().toString()).doesNotContain("ENGINE-03005");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).as("still waiting").isOne();
        assertThat(log.getOut()).as("one line for whoever is on call, not the engine's WARN with its stack trace")
                .contains("A message correlation through /engine-rest/message lost a race with its process: answered 409")
                .doesNotContain("ENGINE-REST-HTTP500", "OptimisticLockingException");
    }

    /**
     * The expression guard read the webapps' login form and a password change as queries: a user whose
     * password held "#{" or "${" could never log in to Tasklist, and was told queries may not carry
     * expressions. Passwords are never evaluated.
     */
    @Test
    void aPasswordThatLooksLikeAnExpressionStillLogsIn() throws Exception {
        String user = "hashpass" + System.nanoTime() % 100_000;
        User account = identity.newUser(user);
        account.setPassword("Pa#{ss99");
        identity.saveUser(account);
        identity.createMembership(user, IdentitySetup.OPS);
        try {
            assertThat(WebappSession.logIn(port, "tasklist", user, "Pa%23%7Bss99").status()).isEqualTo(200);

            ResponseEntity<JsonNode> changed = ApiSecurityTest.send(http.withBasicAuth("admin", "admin"), HttpMethod.PUT,
                    "/engine-rest/user/" + user + "/credentials",
                    "{\"password\": \"Pa${ss77\", \"authenticatedUserPassword\": \"admin\"}");
            assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
            assertThat(identity.checkPassword(user, "Pa${ss77")).isTrue();
            assertThat(WebappSession.logIn(port, "tasklist", user, "Pa%24%7Bss77").status()).isEqualTo(200);
        } finally {
            identity.deleteUser(user);
        }
    }

    /**
     * The guard read the body as a tree, which a repeated key made fail, and then only the raw text, where
     * {@code \u0024{} is no "${"; the engine's parser took the body and evaluated the expression inside
     * {@code orQueries}, running code on the server.
     */
    @Test
    void aRepeatedKeyWithAnEscapedExpressionInsideOrQueriesIsRefusedNotEvaluated() throws Exception {
        String smuggled = "{\"active\": true, \"active\": true, \"orQueries\": [{\"candidateUserExpression\":"
                + " \"\\u0024{noSuchBean.evaluated}\"}]}";
        TestRestTemplate ops = http.withBasicAuth("admin", "admin");

        ResponseEntity<JsonNode> refused = ApiSecurityTest.send(ops, HttpMethod.POST, "/engine-rest/task", smuggled);
        assertThat(refused.getStatusCode()).as(String.valueOf(refused.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().path("title").asText()).isEqualTo("Expressions are not allowed");
        WebappSession webapp = WebappSession.logIn(port, "tasklist", "admin", "admin");
        HttpResponse<String> viaWebapp = webapp.post("/camunda/api/engine/engine/default/task", smuggled);
        assertThat(viaWebapp.statusCode()).as(viaWebapp.body()).isEqualTo(400);
        assertThat(viaWebapp.body()).contains("Expressions are not allowed").doesNotContain("noSuchBean");

        ResponseEntity<JsonNode> malformed = ApiSecurityTest.send(ops, HttpMethod.POST, "/engine-rest/task",
                "{\"active\": true, \"orQueries\": [{\"name\": \"x\"");
        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(malformed.getBody().path("title").asText()).isEqualTo("Malformed JSON");
    }

    /**
     * Every Camunda user may log in to the Welcome page; with that session a shop login reached the engine's API
     * through the webapps' path, and moved, suspended and failed the history cleanup's job.
     */
    @Test
    void aWelcomePageLoginReachesNoEngineApi() throws Exception {
        WebappSession shop = WebappSession.logIn(port, "welcome", "shop", "shop");
        assertThat(shop.status()).as(shop.body()).isEqualTo(200);

        for (String path : List.of("/camunda/api/engine/engine/default/job", "/camunda/api/engine/engine/default/user",
                "/camunda/api/engine/engine/default/history/job-log/count")) {
            HttpResponse<String> refused = shop.get(path);
            assertThat(refused.statusCode()).as(path + ": " + refused.body()).isEqualTo(403);
        }
        assertThat(shop.post("/camunda/api/engine/engine/default/task", "{}").statusCode()).isEqualTo(403);

        WebappSession ops = WebappSession.logIn(port, "cockpit", "admin", "admin");
        assertThat(ops.get("/camunda/api/engine/engine/default/job").statusCode()).isEqualTo(200);
    }

    /** The engine's password check answered any ops user whether a guess at admin's password was right, unthrottled. */
    @Test
    void thePasswordCheckAndTheFirstStartSetupAreNotOffered() throws Exception {
        String guess = "{\"username\": \"admin\", \"password\": \"admin\"}";
        ResponseEntity<JsonNode> verify = ApiSecurityTest.send(http.withBasicAuth("admin", "admin"), HttpMethod.POST,
                "/engine-rest/identity/verify", guess);
        assertThat(verify.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(verify.getBody().has("authenticated")).isFalse();

        WebappSession ops = WebappSession.logIn(port, "cockpit", "admin", "admin");
        HttpResponse<String> viaWebapp = ops.post("/camunda/api/engine/engine/default/identity/verify", guess);
        assertThat(viaWebapp.statusCode()).isEqualTo(403);
        assertThat(viaWebapp.body()).doesNotContain("authenticated");

        HttpResponse<String> setup = ops.post("/camunda/api/admin/setup/default/user/create",
                "{\"profile\": {\"id\": \"intruder\"}, \"credentials\": {\"password\": \"intruder1\"}}");
        assertThat(setup.statusCode()).isEqualTo(403);
        assertThat(setup.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(identity.createUserQuery().userId("intruder").count()).isZero();
    }

    /** Filters ahead of Spring Security's firewall failed on these paths: a 500 and an ERROR stack trace, for anyone. */
    @Test
    void oddRequestPathsAreABadRequestNotAServerError() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String path : List.of("//engine-rest/version", "/engine-rest;/version", "/camunda/../engine-rest/version")) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    /** Requests Tomcat refuses before any servlet: its HTML page naming the server, where every other error is JSON. */
    @Test
    void requestsTheServerCannotReadAreProblemJsonToo() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String path : List.of("/api/orders/x%00y", "/api/orders/..%2F..%2Fetc")) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).as(path + ": " + answer.body())
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.body()).doesNotContain("<html").doesNotContain("Tomcat");
        }
    }

    @Test
    void shopUserCannotUseTasklistAndSeesNoOpsTask() throws Exception {
        WebappSession shop = WebappSession.logIn(port, "tasklist", "shop", "shop");

        assertThat(shop.status()).isIn(401, 403);
        HttpResponse<String> tasksSeen = shop.post("/camunda/api/engine/engine/default/task", "{}");
        assertThat(tasksSeen.statusCode()).isIn(401, 403);
        assertThat(tasksSeen.body()).doesNotContain(opsTaskId);
    }

    private static ResponseEntity<JsonNode> get(TestRestTemplate client, String path) {
        return client.exchange(path, HttpMethod.GET, null, JsonNode.class);
    }

    /** A browser-like session with the Camunda webapps: their login, session cookie and XSRF token. */
    record WebappSession(HttpClient client, int port, String xsrf, int status, String body) {

        static WebappSession logIn(int port, String app, String user, String password) throws Exception {
            HttpClient client = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
            client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/app/" + app + "/")).build(),
                    HttpResponse.BodyHandlers.discarding());
            String xsrf = xsrf(client);
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default/login/" + app))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-XSRF-TOKEN", xsrf)
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password))
                    .build(), HttpResponse.BodyHandlers.ofString());
            // Logging in starts a new session, which gets a CSRF token of its own on the next page.
            client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/app/" + app + "/")).build(),
                    HttpResponse.BodyHandlers.discarding());
            return new WebappSession(client, port, xsrf(client), login.statusCode(), login.body());
        }

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept", "application/json")
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("X-XSRF-TOKEN", xsrf)
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        private static String xsrf(HttpClient client) {
            List<java.net.HttpCookie> cookies = ((java.net.CookieManager) client.cookieHandler().orElseThrow())
                    .getCookieStore().getCookies();
            return cookies.stream().filter(c -> c.getName().equals("XSRF-TOKEN")).map(java.net.HttpCookie::getValue)
                    .reduce((a, b) -> b).orElse("");
        }
    }
}
