package io.warden.bench.chaos.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * The scenarios of the fault matrix: the fast tier (F0–F10 and the negative controls F5n and F10n, run by
 * {@code mvn verify}) and the soak tier (on demand).
 */
public final class Scenarios
{
    /** Wall time of one soak round of the random combined nemesis, checks included (about). */
    public static final int SOAK_ROUND_SECONDS = 100;

    private Scenarios()
    {
    }

    /**
     * The fast tier, in matrix order.
     *
     * @return the scenarios.
     */
    public static List<Scenario> fastTier()
    {
        return List.of(
            new F0CheckerSelfTest(),
            new F1NoFault(),
            new F2LeaderKill(),
            new F3FollowerCatchUp(),
            new F4FullRestart(),
            new F5ClientPause(true),
            new F5ClientPause(false),
            new F6PartitionLeader(),
            new F7SessionExpiry(),
            new F8WatchFailover(),
            new F9BadInput(),
            new F11Flood(),
            new F12CorruptSnapshot(),
            new F13RollingRestart(),
            new F2LeaderKill("F2-5", 5),
            new F6PartitionLeader("F6-5", 5),
            F10ClockSteps.fastTier(),
            F10ClockSteps.negativeControl());
    }

    /**
     * The soak tier: rounds of the random combined nemesis (S1) filling about {@code minutes}, each with its own
     * seed, then 1,000 watchers reconnecting after a gateway and a leader failover (S2), leadership flapping
     * while silent sessions must still expire (S3), and the whole clock-step matrix (S4: +30 s, -60 s, +5 min and
     * back on the leader, a follower, every node and a gateway, through the offset file and libfaketime).
     *
     * @param minutes how long the random rounds last in total.
     * @return the scenarios.
     */
    public static List<Scenario> soak(final int minutes)
    {
        final List<Scenario> soak = new ArrayList<>();
        final int rounds = Math.max(1, minutes * 60 / SOAK_ROUND_SECONDS);
        for (int round = 1; round <= rounds; round++)
        {
            soak.add(new SoakRandomNemesis(round, (SOAK_ROUND_SECONDS - 25) * 1_000L));
        }
        soak.add(new F8WatchFailover("S2", "thundering-herd-1000-watchers", 1_000, 25, 20));
        soak.add(new F7SessionExpiry("S3", "leadership-flapping-expiry", 6));
        soak.add(F10ClockSteps.fullMatrix());
        soak.add(F10ClockSteps.negativeControlBackwards());
        return soak;
    }

    /**
     * Every scenario.
     *
     * @param minutes how long the long soak run lasts.
     * @return fast tier then soak tier.
     */
    public static List<Scenario> all(final int minutes)
    {
        final List<Scenario> all = new ArrayList<>(fastTier());
        all.addAll(soak(minutes));
        return all;
    }

    /**
     * Scenarios by id.
     *
     * @param ids     comma-separated ids, such as {@code F2,F5n}.
     * @param minutes how long the long soak run lasts.
     * @return the scenarios, in the order given.
     * @throws IllegalArgumentException for an unknown id.
     */
    public static List<Scenario> select(final String ids, final int minutes)
    {
        final List<Scenario> all = all(minutes);
        final List<Scenario> selected = new ArrayList<>();
        for (final String id : ids.split(","))
        {
            final Scenario scenario = all.stream().filter(s -> s.id().equalsIgnoreCase(id.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scenario " + id + "; known: " +
                    all.stream().map(Scenario::id).toList()));
            selected.add(scenario);
        }
        return selected;
    }
}
