package io.warden.cli;

import io.warden.client.KeyValue;
import io.warden.client.WatchEvent;

import java.nio.charset.StandardCharsets;

/**
 * How entries and events are printed.
 */
final class Output
{
    private Output()
    {
    }

    static Json.Obj json(final KeyValue kv)
    {
        return Json.obj().put("key", kv.key()).bytes("value", kv.value())
            .put("createRevision", kv.createRevision()).put("modRevision", kv.modRevision())
            .put("version", kv.version()).put("ownerSessionId", kv.ownerSessionId());
    }

    static void keyValue(final KeyValue kv, final boolean json, final boolean metadata)
    {
        if (json)
        {
            System.out.println(json(kv));
        }
        else if (metadata)
        {
            System.out.println(kv.key() + " = " + text(kv.value()) + "  (create " + kv.createRevision() +
                ", mod " + kv.modRevision() + ", version " + kv.version() +
                (kv.ownerSessionId() != 0 ? ", ephemeral of session " + kv.ownerSessionId() : "") + ")");
        }
        else
        {
            System.out.println(text(kv.value()));
        }
    }

    static void event(final WatchEvent event, final boolean json)
    {
        if (json)
        {
            System.out.println(Json.obj().put("type", event.type().name()).put("key", event.key())
                .bytes("value", event.value()).bytes("prevValue", event.prevValue())
                .put("revision", event.revision()).put("version", event.version()));
        }
        else
        {
            System.out.println(event.type() + " " + event.key() +
                (event.value().length > 0 ? " = " + text(event.value()) : "") + "  (revision " + event.revision() + ")");
        }
        System.out.flush();
    }

    static String text(final byte[] value)
    {
        final String utf8 = Json.utf8(value);
        return utf8 != null ? utf8 : "<" + value.length + " bytes: " + hex(value) + ">";
    }

    private static String hex(final byte[] value)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(value.length, 32); i++)
        {
            sb.append(String.format("%02x", value[i]));
        }
        return value.length > 32 ? sb + "..." : sb.toString();
    }

    static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
