FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
# pom.xml maps processes/ onto the classpath, so it is part of the build input.
COPY processes/ processes/
COPY src/ src/
RUN mvn -B -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --user-group --no-create-home --home-dir /app orderflow
WORKDIR /app
# The default (non-postgres) profile keeps its H2 file database in ./data, which must be writable.
RUN mkdir data && chown orderflow:orderflow data
COPY --from=build /build/target/orderflow-0.1.0-SNAPSHOT.jar /app/orderflow.jar
USER orderflow
EXPOSE 8080
# Linux runs the job executor's threads at nice 10 so that requests go first on a busy node
# (JobThreadPriority). Without root the JVM warns that raising a priority may need permission;
# only lowering is used, which needs none.
ENTRYPOINT ["java","-XX:ThreadPriorityPolicy=1","-XX:JavaPriority1_To_OSPriority=10","-jar","/app/orderflow.jar"]
