package io.postline.stage.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

@ExtendWith(OutputCaptureExtension.class)
class ScheduledJobsAutoConfigurationTest {
    private final ApplicationContextRunner contexts = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(TaskSchedulingAutoConfiguration.class, ScheduledJobsAutoConfiguration.class));

    @Test
    void aJobThatCannotReachTheDatabaseWarnsInOneLineAndRunsAgain(CapturedOutput output) {
        contexts.withUserConfiguration(UnreachableDatabaseJob.class).run(context -> {
            UnreachableDatabaseJob job = context.getBean(UnreachableDatabaseJob.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> job.runs.get() >= 2);
        });

        assertThat(output.getOut()).contains("a scheduled job could not reach the database, it runs again on its "
                        + "schedule: org.springframework.jdbc.CannotGetJdbcConnectionException")
                .doesNotContain("Unexpected error occurred in scheduled task")
                .doesNotContain("\tat org.springframework.jdbc.core.JdbcTemplate");
    }

    @Test
    void anyOtherFailureStaysAnErrorWithItsStack(CapturedOutput output) {
        contexts.withUserConfiguration(BrokenJob.class).run(context -> {
            BrokenJob job = context.getBean(BrokenJob.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> job.runs.get() >= 2);
        });

        assertThat(output.getOut()).contains("ERROR").contains("a scheduled job failed, it runs again on its schedule")
                .contains("java.lang.IllegalStateException: a bug").contains("\tat io.postline.stage.scheduling.");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class UnreachableDatabaseJob {
        final AtomicInteger runs = new AtomicInteger();
        // A real driver against a port where no PostgreSQL listens: the connection fails as in an outage.
        final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:postgresql://127.0.0.1:1/postline?connectTimeout=1", "postgres", ""));

        @Scheduled(fixedDelay = 50)
        void purge() {
            runs.incrementAndGet();
            jdbc.update("delete from inbox where received_at < now()");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class BrokenJob {
        final AtomicInteger runs = new AtomicInteger();

        @Scheduled(fixedDelay = 50)
        void work() {
            runs.incrementAndGet();
            throw new IllegalStateException("a bug");
        }
    }
}
