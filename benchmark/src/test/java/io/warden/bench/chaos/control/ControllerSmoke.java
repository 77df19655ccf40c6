package io.warden.bench.chaos.control;

import java.nio.file.Path;

public final class ControllerSmoke
{
    public static void main(final String[] args) throws Exception
    {
        final FaultLog faults = new FaultLog();
        final RunLayout layout = RunLayout.create(Path.of("target/chaos"), "smoke", 1, 3, 1);
        try (ClusterController c = ClusterController.start(new ClusterController.Options(), layout, faults))
        {
            long t0 = System.nanoTime();
            System.out.println("leader " + c.awaitLeader(30_000) + " " + c.describe());
            System.out.println("snapshot " + c.snapshot(20_000));
            final int leader = c.leader();
            c.killNode(leader);
            System.out.println("new leader " + c.awaitLeader(30_000) + " " + c.describe());
            c.restartNode(leader);
            c.awaitNodeStarted(leader, 30_000);
            System.out.println("restarted " + c.awaitLeader(30_000) + " " + c.describe() + " " + (System.nanoTime() - t0) / 1_000_000 + "ms");
            System.out.println("snapshot " + c.snapshot(20_000));
            try (Firewall fw = Firewall.open())
            {
                System.out.println("fw " + fw.isAvailable() + " " + fw.unavailableReason());
                final int l = c.leader();
                java.util.List<Firewall.Endpoint> a = java.util.List.of(c.nodeEndpoint(l));
                java.util.List<Firewall.Endpoint> b = new java.util.ArrayList<>();
                for (int i = 0; i < 3; i++) if (i != l) b.add(c.nodeEndpoint(i));
                fw.partition(a, b);
                Thread.sleep(4000);
                System.out.println("partitioned " + c.describe());
                fw.heal();
                Thread.sleep(4000);
                System.out.println("healed " + c.describe());
            }
        }
        System.out.println("faults " + faults.summary());
    }
}
