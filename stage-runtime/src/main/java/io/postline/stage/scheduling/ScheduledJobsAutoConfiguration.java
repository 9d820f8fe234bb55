package io.postline.stage.scheduling;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerCustomizer;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;

/** Every service's scheduled jobs report their failures through {@link ScheduledJobErrors}. */
@AutoConfiguration(before = TaskSchedulingAutoConfiguration.class)
public class ScheduledJobsAutoConfiguration {
    private static final ScheduledJobErrors ERRORS = new ScheduledJobErrors();

    @Bean
    ThreadPoolTaskSchedulerCustomizer scheduledJobErrorsOnThreadPool() {
        return scheduler -> scheduler.setErrorHandler(ERRORS);
    }

    /** The scheduler Spring Boot uses instead when virtual threads are enabled. */
    @Bean
    SimpleAsyncTaskSchedulerCustomizer scheduledJobErrorsOnVirtualThreads() {
        return scheduler -> scheduler.setErrorHandler(ERRORS);
    }
}
