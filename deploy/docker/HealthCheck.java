import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container health check: exit 0 when the service's readiness group answers 200, else 1. Plain JDK, so the
 * runtime image needs no curl or wget. Usage: java -cp /app/healthcheck HealthCheck [url]
 */
public class HealthCheck {
    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0]
                : "http://localhost:" + System.getenv().getOrDefault("MANAGEMENT_SERVER_PORT", "9080")
                        + "/actuator/health/readiness";
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            System.exit(r.statusCode() == 200 ? 0 : 1);
        } catch (Exception e) {
            System.exit(1);
        }
    }
}
