package io.warden.node.audit;

import java.io.File;
import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code warden audit}: who held which lock with which token, and who changed which key, read back offline from a
 * node's files or a backup's ({@link LogReplay}), so that after an incident an operator can answer "who held lock X at
 * 03:12, and with which token?".
 * <pre>
 * scripts/warden audit --lock orders run/node-0                        # every grant and release of a lock
 * scripts/warden audit --lock orders --at 2026-12-03T03:12:00Z run/node-0
 * scripts/warden audit --key /config/ --json /backup/warden            # every change under a prefix, JSON lines
 * scripts/warden audit --session 42 run/node-1                         # one session's life, locks and keys
 * </pre>
 * The directory holds {@code cluster/} and {@code archive/} (a node's {@code warden.node.dir}, or a backup's
 * {@code warden.backup.dir}); {@code --cluster-dir} and {@code --archive-dir} name them separately. It only reads
 * files, so it may run next to a live node (it sees what is on disk). The log is replayed from its start, or from
 * the oldest snapshot kept where purging removed the log before it: what happened earlier is gone, and the report
 * says from where it starts. Exit status 0, 1 when the files cannot be replayed, 2 on a usage error.
 */
public final class AuditLauncher
{
    private AuditLauncher()
    {
    }

    /**
     * Run the audit.
     *
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Run the audit, printing the report to {@code out} and what was replayed to {@code err}.
     *
     * @param args the arguments.
     * @param out  the report.
     * @param err  what was read, and errors.
     * @return the exit status.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final Arguments a;
        try
        {
            a = Arguments.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("warden audit: " + ex.getMessage());
            err.println(Arguments.USAGE);
            return 2;
        }
        if (a.help)
        {
            out.println(Arguments.USAGE);
            return 0;
        }

        final LogReplay.Result replayed;
        try
        {
            replayed = LogReplay.replayNode(a.clusterDir.toPath(), a.archiveDir.toPath(), true);
        }
        catch (final RuntimeException ex)
        {
            err.println("warden audit: cannot replay " + a.clusterDir + " and " + a.archiveDir + ": " +
                ex.getMessage());
            return 1;
        }
        err.println("replayed " + replayed.commands() + " commands, log positions " + replayed.startPosition() +
            " to " + replayed.endPosition() + (replayed.startPosition() > 0 ? " (from the snapshot at revision " +
            replayed.startRevision() + "; the log before it was purged)" : "") + ", revision " +
            replayed.finalRevision() + " at " + Instant.ofEpochMilli(replayed.lastTimeMs()));
        for (final String error : replayed.errors())
        {
            err.println("warden audit: the replay met an error the node would have counted: " + error);
        }

        final AuditReport report = new AuditReport(replayed.audit(), replayed.keyChanges());
        if (a.atMs >= 0)
        {
            final List<AuditEvent.Granted> holders = report.holdersAt(a.filter.lock(), a.atMs);
            final String at = Instant.ofEpochMilli(a.atMs).toString();
            if (holders.isEmpty())
            {
                out.println(a.json ? AuditReport.freeJson(a.filter.lock(), a.atMs) :
                    "lock " + a.filter.lock() + " at " + at + ": free");
            }
            for (final AuditEvent.Granted held : holders)
            {
                out.println(a.json ? AuditReport.json(held) : "lock " + held.lock() + " at " + at +
                    ": held by session " +
                    held.session() + " with token " + held.token() + " (granted " +
                    Instant.ofEpochMilli(held.timeMs()) + ", log position " + held.position() + ")");
            }
            return 0;
        }
        report.print(a.filter, a.json, out);
        return 0;
    }

    /** The parsed command line. */
    private static final class Arguments
    {
        static final String USAGE = String.join("\n",
            "usage: warden audit [--lock NAME [--at TIME] | --key PREFIX] [--session ID] [--keepalives] [--json]",
            "                    (DIR | --cluster-dir DIR --archive-dir DIR)",
            "  DIR holds cluster/ and archive/: a node's data directory or a backup's; TIME is an ISO-8601 instant",
            "  (2026-12-03T03:12:00Z) or epoch milliseconds of cluster time; --at prints who held the lock then.");

        AuditReport.Filter filter;
        File clusterDir;
        File archiveDir;
        long atMs = -1;
        boolean json;
        boolean help;

        static Arguments parse(final String[] args)
        {
            final Arguments a = new Arguments();
            String lock = null;
            String key = null;
            long session = 0;
            boolean keepAlives = false;
            final List<String> dirs = new ArrayList<>();
            for (int i = 0; i < args.length; i++)
            {
                switch (args[i])
                {
                    case "--lock" -> lock = value(args, ++i, "--lock");
                    case "--key" -> key = value(args, ++i, "--key");
                    case "--session" -> session = number(value(args, ++i, "--session"), "--session");
                    case "--at" -> a.atMs = time(value(args, ++i, "--at"));
                    case "--cluster-dir" -> a.clusterDir = new File(value(args, ++i, "--cluster-dir"));
                    case "--archive-dir" -> a.archiveDir = new File(value(args, ++i, "--archive-dir"));
                    case "--keepalives" -> keepAlives = true;
                    case "--json" -> a.json = true;
                    case "-h", "--help" -> a.help = true;
                    default ->
                    {
                        if (args[i].startsWith("-"))
                        {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        dirs.add(args[i]);
                    }
                }
            }
            if (a.help)
            {
                return a;
            }
            if (null != lock && null != key)
            {
                throw new IllegalArgumentException("--lock and --key are one report each");
            }
            if (a.atMs >= 0 && null == lock)
            {
                throw new IllegalArgumentException("--at asks who held a lock: it needs --lock");
            }
            if (dirs.size() == 1 && null == a.clusterDir && null == a.archiveDir)
            {
                a.clusterDir = new File(dirs.get(0), "cluster");
                a.archiveDir = new File(dirs.get(0), "archive");
            }
            else if (!dirs.isEmpty() || null == a.clusterDir || null == a.archiveDir)
            {
                throw new IllegalArgumentException("name one directory, or both --cluster-dir and --archive-dir");
            }
            if (!a.clusterDir.isDirectory() || !a.archiveDir.isDirectory())
            {
                throw new IllegalArgumentException("not a node's or a backup's directories: " + a.clusterDir +
                    " and " + a.archiveDir);
            }
            a.filter = new AuditReport.Filter(lock, key, session, keepAlives);
            return a;
        }

        private static String value(final String[] args, final int index, final String option)
        {
            if (index >= args.length)
            {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static long number(final String text, final String option)
        {
            try
            {
                return Long.parseLong(text);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(option + " takes a number, not " + text);
            }
        }

        private static long time(final String text)
        {
            if (text.chars().allMatch(Character::isDigit))
            {
                return Long.parseLong(text);
            }
            try
            {
                return Instant.parse(text).toEpochMilli();
            }
            catch (final DateTimeParseException ex)
            {
                throw new IllegalArgumentException("--at takes an ISO-8601 instant (2026-12-03T03:12:00Z) or " +
                    "epoch milliseconds, not " + text);
            }
        }
    }
}
