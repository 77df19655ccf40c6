package io.warden.cli;

import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.schema.protocol.ResultCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code warden session expire ID}: end a stuck session now, as if its TTL had run out.
 */
@Command(name = "expire",
    description = {
        "End a session now, exactly as if its TTL had run out: its locks are released (with their lock-delay), " +
        "its candidacies withdrawn, its ephemeral keys deleted, and its client is told it expired. Needs the admin " +
        "permission (or, while authentication is off, the gateway's admin credential). Exit code 3 when there is " +
        "no such live session." })
final class SessionExpireCommand implements Callable<Integer>
{
    @ParentCommand
    SessionCommand session;

    @Parameters(index = "0", paramLabel = "ID", description = "The session id (as warden sessions lists it).")
    long sessionId;

    public Integer call()
    {
        final WardenCli cli = session.cli;
        try (WardenClient client = cli.options.connect())
        {
            try
            {
                client.await(client.operations().expireSession(sessionId));
            }
            catch (final WardenException ex)
            {
                if (ex.code() == ResultCode.SESSION_EXPIRED || ex.code() == ResultCode.SESSION_UNKNOWN)
                {
                    System.err.println("warden: no live session " + sessionId);
                    return ExitCodes.NOT_FOUND;
                }
                throw ex;
            }
            System.out.println(cli.options.json ?
                Json.obj().put("session", sessionId).put("expired", true).toString() :
                "session " + sessionId + " expired");
            return ExitCodes.OK;
        }
    }
}
