package io.warden.cli;

import io.warden.client.GatewayInfo;
import io.warden.client.WardenClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code warden members}: the cluster's members as the gateway sees them, and who leads.
 */
@Command(name = "members", description = "The cluster's members (ingress endpoints) and the current leader, as the " +
    "gateway sees them; also the gateway's own counts.")
final class MembersCommand implements Callable<Integer>
{
    @ParentCommand
    WardenCli cli;

    public Integer call()
    {
        try (WardenClient client = cli.options.connect())
        {
            final GatewayInfo info = client.await(client.gatewayInfo());
            if (cli.options.json)
            {
                final List<Object> members = new ArrayList<>();
                for (final Map.Entry<Integer, String> member : info.members().entrySet())
                {
                    members.add(Json.obj().put("id", member.getKey()).put("ingress", member.getValue())
                        .put("leader", member.getKey() == info.leaderMemberId()));
                }
                System.out.println(Json.obj().put("leaderMemberId", info.leaderMemberId()).put("members", members)
                    .put("gatewayId", info.gatewayId()).put("connections", info.connections())
                    .put("sessions", info.sessions()).put("sharedWatches", info.sharedWatches())
                    .put("clusterReachable", info.clusterReachable()));
            }
            else
            {
                for (final Map.Entry<Integer, String> member : info.members().entrySet())
                {
                    System.out.println("member " + member.getKey() + "  " + member.getValue() +
                        (member.getKey() == info.leaderMemberId() ? "  leader" : ""));
                }
                System.out.println("gateway " + info.gatewayId() + ": " + info.connections() + " connections, " +
                    info.sessions() + " sessions, " + info.sharedWatches() + " shared watches" +
                    (info.clusterReachable() ? "" : ", cluster unreachable"));
            }
            return info.clusterReachable() ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
        }
    }
}
