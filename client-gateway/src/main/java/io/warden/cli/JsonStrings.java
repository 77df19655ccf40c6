package io.warden.cli;

/**
 * JSON string literals, escaped per RFC 8259: the one escaper that the CLI, the load rig's reports and the chaos
 * histories share.
 * <pre>
 * StringBuilder sb = new StringBuilder();
 * JsonStrings.append(sb, "say \"hi\"\n");     // "say \"hi\"\n" with the quotes and newline escaped
 * </pre>
 */
public final class JsonStrings
{
    private JsonStrings()
    {
    }

    /**
     * Append {@code text} as a JSON string literal, or {@code null} when it is null.
     *
     * @param sb   where to.
     * @param text the string.
     */
    public static void append(final StringBuilder sb, final String text)
    {
        if (text == null)
        {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default ->
                {
                    if (c < 0x20)
                    {
                        sb.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
