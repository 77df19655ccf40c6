package io.warden.bench.soak;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A small SVG line chart of disk use over time, one line per directory.
 * <pre>{@code String svg = DiskChart.svg(dirs, samples); }</pre>
 */
final class DiskChart
{
    private static final int WIDTH = 720;
    private static final int HEIGHT = 320;
    private static final int LEFT = 60;
    private static final int BOTTOM = 40;
    private static final String[] COLOURS = { "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e" };

    private DiskChart()
    {
    }

    /**
     * @param dirs    the directories, in the samples' column order.
     * @param samples rows of seconds, puts acknowledged, MiB per directory.
     * @return the SVG document.
     */
    static String svg(final List<Path> dirs, final List<double[]> samples)
    {
        double maxSeconds = 1;
        double maxMib = 1;
        for (final double[] sample : samples)
        {
            maxSeconds = Math.max(maxSeconds, sample[0]);
            for (int i = 2; i < sample.length; i++)
            {
                maxMib = Math.max(maxMib, sample[i]);
            }
        }
        maxMib *= 1.1;
        final double plotWidth = WIDTH - LEFT - 20;
        final double plotHeight = HEIGHT - BOTTOM - 30;
        final StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
            .append(HEIGHT).append("\" font-family=\"sans-serif\" font-size=\"11\">\n")
            .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
            .append("<text x=\"").append(LEFT).append("\" y=\"16\" font-size=\"13\">Disk use per node (MiB) while ")
            .append(String.format(Locale.ROOT, "%,.0f", samples.get(samples.size() - 1)[1]))
            .append(" puts are acknowledged</text>\n");
        for (int tick = 0; tick <= 4; tick++)
        {
            final double y = 30 + plotHeight - plotHeight * tick / 4;
            svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>" +
                "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>%n",
                LEFT, y, WIDTH - 20, y, LEFT - 6, y + 4, maxMib * tick / 4));
            final double x = LEFT + plotWidth * tick / 4;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f s</text>%n",
                x, HEIGHT - BOTTOM + 16, maxSeconds * tick / 4));
        }
        for (int d = 0; d < dirs.size(); d++)
        {
            final StringBuilder points = new StringBuilder();
            for (final double[] sample : samples)
            {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ",
                    LEFT + plotWidth * sample[0] / maxSeconds, 30 + plotHeight - plotHeight * sample[2 + d] / maxMib));
            }
            final String colour = COLOURS[d % COLOURS.length];
            svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\" points=\"")
                .append(points).append("\"/>\n")
                .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
                    LEFT + 10 + 110 * d, HEIGHT - 8, colour, dirs.get(d).getFileName()));
        }
        return svg.append("</svg>\n").toString();
    }
}
