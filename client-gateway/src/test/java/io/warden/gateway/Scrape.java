package io.warden.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One HTTP GET of a Warden metrics endpoint, and the samples of its Prometheus text exposition:
 * {@code Scrape.of(url + "/metrics").value("warden_node_requests_total", "type", "Put", "result", "OK")}.
 *
 * @param status the HTTP status.
 * @param body   the response body.
 */
record Scrape(int status, String body)
{
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * GET a URL.
     */
    static Scrape of(final String url)
    {
        try
        {
            final HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
            return new Scrape(response.statusCode(), response.body());
        }
        catch (final IOException ex)
        {
            throw new AssertionError("cannot GET " + url + ": " + ex, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /**
     * The value of the first sample with this name and these labels (others may be present too), or NaN if there
     * is none.
     *
     * @param name        the sample's name, with its suffix ({@code _total}, {@code _count}).
     * @param labelsPairs label names and values, alternating.
     */
    double value(final String name, final String... labelsPairs)
    {
        for (final String line : body.split("\n"))
        {
            if (line.startsWith("#") || !line.startsWith(name))
            {
                continue;
            }
            final int valueStart = line.lastIndexOf(' ');
            final String series = line.substring(0, valueStart);
            final int brace = series.indexOf('{');
            if (!(brace < 0 ? series : series.substring(0, brace)).equals(name) || !hasLabels(series, labelsPairs))
            {
                continue;
            }
            return Double.parseDouble(line.substring(valueStart + 1));
        }
        return Double.NaN;
    }

    private static boolean hasLabels(final String series, final String[] labelsPairs)
    {
        for (int i = 0; i < labelsPairs.length; i += 2)
        {
            if (!series.contains(labelsPairs[i] + "=\"" + labelsPairs[i + 1] + "\""))
            {
                return false;
            }
        }
        return true;
    }
}
