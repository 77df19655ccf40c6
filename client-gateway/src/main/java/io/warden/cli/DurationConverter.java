package io.warden.cli;

import picocli.CommandLine.ITypeConverter;

/**
 * Durations like {@code 500ms}, {@code 10s}, {@code 2m}, or plain milliseconds; converted to milliseconds.
 */
final class DurationConverter implements ITypeConverter<Long>
{
    public Long convert(final String text)
    {
        final String value = text.trim().toLowerCase();
        if (value.endsWith("ms"))
        {
            return Long.parseLong(value.substring(0, value.length() - 2));
        }
        if (value.endsWith("s"))
        {
            return Long.parseLong(value.substring(0, value.length() - 1)) * 1_000;
        }
        if (value.endsWith("m"))
        {
            return Long.parseLong(value.substring(0, value.length() - 1)) * 60_000;
        }
        if (value.endsWith("h"))
        {
            return Long.parseLong(value.substring(0, value.length() - 1)) * 3_600_000;
        }
        return Long.parseLong(value);
    }
}
