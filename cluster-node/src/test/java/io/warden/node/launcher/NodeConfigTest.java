package io.warden.node.launcher;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.codecs.AdminRequestDecoder;
import io.aeron.cluster.codecs.AdminRequestType;
import io.aeron.cluster.codecs.BackupQueryDecoder;
import io.aeron.cluster.codecs.MessageHeaderDecoder;
import io.aeron.cluster.codecs.SessionConnectRequestDecoder;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.ConfigurationException;
import io.aeron.security.AuthorisationService;
import io.warden.node.maintenance.SnapshotPolicy;
import io.warden.node.service.WardenService;
import io.warden.schema.WardenLimits;
import io.warden.schema.trust.CellSecrets;
import org.agrona.SemanticVersion;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class NodeConfigTest
{
    private static final String THREE_HOSTS =
        "warden.cluster.host.0=127.0.0.1\n" +
        "warden.cluster.host.1=127.0.0.1\n" +
        "warden.cluster.host.2=127.0.0.1\n" +
        "warden.cluster.port.base=9000\n";

    @TempDir
    Path dir;

    @Test
    void laterFilesOverrideEarlierAndSystemPropertiesOverrideAll() throws IOException
    {
        final Path cluster = write("cluster.properties", THREE_HOSTS +
            "warden.cluster.session.timeout=7s\n" +
            "warden.cluster.max.sessions=10\n" +
            "warden.cluster.leader.heartbeat.timeout=3s\n");
        final Path node = write("node.properties",
            "warden.node.id=1\n" +
            "warden.cluster.max.sessions=20\n" +
            "warden.cluster.leader.heartbeat.timeout=4s\n");
        final Path profile = write("profile.properties",
            "warden.cluster.leader.heartbeat.timeout=5s\n" +
            "warden.cluster.startup.canvass.timeout=20s\n");
        final Properties system = new Properties();
        system.setProperty("warden.cluster.startup.canvass.timeout", "30s");
        system.setProperty("warden.unknown.from.system", "ignored");
        system.setProperty("java.version", "ignored");

        final NodeConfig config = NodeConfig.load(List.of(cluster, node, profile), system).conclude();

        assertEquals(1, config.memberId());
        assertEquals(TimeUnit.SECONDS.toNanos(7), config.sessionTimeoutNs());
        assertEquals(20, config.maxConcurrentSessions());
        assertEquals(TimeUnit.SECONDS.toNanos(5), config.leaderHeartbeatTimeoutNs());
        assertEquals(TimeUnit.SECONDS.toNanos(30), config.startupCanvassTimeoutNs());
        assertEquals(cluster.toString(), config.sourceOf(NodeConfig.SESSION_TIMEOUT_PROP_NAME));
        assertEquals(node.toString(), config.sourceOf(NodeConfig.MAX_SESSIONS_PROP_NAME));
        assertEquals(profile.toString(), config.sourceOf(NodeConfig.LEADER_HEARTBEAT_TIMEOUT_PROP_NAME));
        assertEquals("system property", config.sourceOf(NodeConfig.STARTUP_CANVASS_TIMEOUT_PROP_NAME));
    }

    @Test
    void clusterLimitsAreReadAndABadOneIsNamed() throws IOException
    {
        final NodeConfig config = load(THREE_HOSTS + "warden.node.id=0\nwarden.cluster.state.quota=48m\n" +
            "warden.cluster.max.bytes.per.session=4m\nwarden.cluster.max.locks.per.session=7\n").conclude();
        assertEquals(48L << 20, config.stateQuotaBytes());
        assertEquals(4L << 20, config.clusterLimits().maxBytesPerSession());
        assertEquals(7, config.clusterLimits().maxLocksPerSession());
        assertTrue(config.describe().contains("warden.cluster.state.quota=48m"), config.describe());

        final ConfigurationException tooSmall = assertThrows(ConfigurationException.class, () ->
            load(THREE_HOSTS + "warden.node.id=0\nwarden.cluster.state.quota=16m\n").conclude());
        assertTrue(tooSmall.getMessage().contains("warden.cluster.state.quota"), tooSmall.getMessage());
    }

    @Test
    void snapshotsAreAutomaticByDefaultAndTheirSettingsAreChecked() throws IOException
    {
        final SnapshotPolicy defaults = load(THREE_HOSTS + "warden.node.id=0\n").conclude().snapshotPolicy();
        assertEquals(new SnapshotPolicy(64L << 20, TimeUnit.HOURS.toNanos(1), 2, true), defaults);

        final NodeConfig config = load(THREE_HOSTS + "warden.node.id=0\nwarden.snapshot.log.bytes=0\n" +
            "warden.snapshot.interval=600s\nwarden.snapshot.keep=3\nwarden.snapshot.purge=false\n").conclude();
        assertEquals(new SnapshotPolicy(0, TimeUnit.MINUTES.toNanos(10), 3, false), config.snapshotPolicy());
        assertTrue(config.describe().contains("warden.snapshot.interval=600s"), config.describe());

        final ConfigurationException noneKept = assertThrows(ConfigurationException.class, () ->
            load(THREE_HOSTS + "warden.node.id=0\nwarden.snapshot.keep=0\n").conclude());
        assertTrue(noneKept.getMessage().contains("warden.snapshot.keep=0"), noneKept.getMessage());
        final ConfigurationException noUnit = assertThrows(ConfigurationException.class, () ->
            load(THREE_HOSTS + "warden.node.id=0\nwarden.snapshot.interval=60\n").conclude());
        assertTrue(noUnit.getMessage().contains("warden.snapshot.interval"), noUnit.getMessage());
    }

    @Test
    void anEvenMemberCountIsRefusedUnlessAllowedAndFiveAreFine() throws IOException
    {
        final String fourHosts = "warden.cluster.host.0=10.0.0.1\nwarden.cluster.host.1=10.0.0.2\n" +
            "warden.cluster.host.2=10.0.0.3\nwarden.cluster.host.3=10.0.0.4\nwarden.node.id=0\n";
        final ConfigurationException even =
            assertThrows(ConfigurationException.class, () -> load(fourHosts).conclude());
        assertTrue(even.getMessage().contains("4 members") &&
            even.getMessage().contains(NodeConfig.EVEN_MEMBERS_ALLOWED_PROP_NAME), even.getMessage());
        assertEquals(4, load(fourHosts + NodeConfig.EVEN_MEMBERS_ALLOWED_PROP_NAME + "=true\n").conclude()
            .members().members().size());

        final NodeConfig five = load(fourHosts + "warden.cluster.host.4=10.0.0.5\nwarden.node.id=4\n").conclude();
        assertEquals(5, five.members().members().size());
        assertEquals("10.0.0.5", five.thisMember().host());
    }

    @Test
    void defaultsAreSafeForASmallBox() throws IOException
    {
        final NodeConfig config = load(THREE_HOSTS + "warden.node.id=0\n").conclude();

        assertEquals(64, config.maxConcurrentSessions());
        assertEquals(NodeConfig.Threading.SHARED, config.threading());
        assertEquals(BackoffIdleStrategy.ALIAS, config.idleStrategy());
        assertEquals(BackoffIdleStrategy.ALIAS, config.senderIdleStrategy());
        assertEquals(TimeUnit.SECONDS.toNanos(10), config.leaderHeartbeatTimeoutNs());
        assertEquals(1, config.fileSyncLevel(), "durable by default: an acknowledged write is on disk");
        assertEquals(WardenLimits.DEFAULT_STATE_QUOTA_BYTES, config.stateQuotaBytes());
        assertFalse(ClusterLimitsApplier.setsAnything(config.clusterLimits()), "nothing set, nothing proposed");
        assertEquals(Path.of("/dev/shm/warden/node-0").toString(), config.aeronDir());
        assertEquals(Path.of("run/node-0/cluster").toAbsolutePath().toString(), config.clusterDir());
        assertEquals(Path.of("run/node-0/archive").toAbsolutePath().toString(), config.archiveDir());
        assertFalse(config.cleanStart());
    }

    @Test
    void unknownPropertyInAFileIsAnError() throws IOException
    {
        final NodeConfig config = load(THREE_HOSTS + "warden.node.id=0\nwarden.cluster.sesion.timeout=5s\n");

        final ConfigurationException ex = assertThrows(ConfigurationException.class, config::conclude);
        assertTrue(ex.getMessage().contains("warden.cluster.sesion.timeout"), ex.getMessage());
        assertTrue(ex.getMessage().contains("unknown property"), ex.getMessage());
    }

    @Test
    void derivesMembersFromHostsAndPortBase() throws IOException
    {
        final NodeConfig config = load(THREE_HOSTS + "warden.node.id=1\n").conclude();

        assertEquals(
            "0,127.0.0.1:9002,127.0.0.1:9003,127.0.0.1:9004,127.0.0.1:9005,127.0.0.1:9001|" +
            "1,127.0.0.1:9102,127.0.0.1:9103,127.0.0.1:9104,127.0.0.1:9105,127.0.0.1:9101|" +
            "2,127.0.0.1:9202,127.0.0.1:9203,127.0.0.1:9204,127.0.0.1:9205,127.0.0.1:9201",
            config.members().encode());
        assertEquals("0=127.0.0.1:9002,1=127.0.0.1:9102,2=127.0.0.1:9202", config.ingressEndpoints());
        assertEquals(1, config.thisMember().id());
        assertEquals("127.0.0.1", config.thisMember().host());
    }

    @Test
    void derivesChannelsForThisMember() throws IOException
    {
        final NodeConfig config = load(THREE_HOSTS + "warden.node.id=2\n" +
            "warden.cluster.log.term.length=4m\n" +
            "warden.cluster.ingress.term.length=2m\n" +
            "warden.cluster.egress.term.length=1m\n").conclude();

        assertEquals("aeron:udp?endpoint=127.0.0.1:9201", config.archiveControlChannel());
        assertEquals("aeron:udp?endpoint=127.0.0.1:0", config.replicationChannel());
        assertEquals("aeron:udp?term-length=4m|alias=warden-log", config.logChannel());
        assertEquals("aeron:udp?term-length=2m", config.ingressChannel());
        assertEquals("aeron:udp?term-length=1m", config.egressChannelTemplate());
        assertEquals("aeron:udp?endpoint=10.1.2.3:0|term-length=1m", config.clientEgressChannel("10.1.2.3"));
        assertEquals(120, config.consensusModuleArchiveResponseStreamId());
        assertEquals(121, config.serviceArchiveResponseStreamId());
    }

    @Test
    void parsesRawMembersWithOptionalResponseEndpoints()
    {
        final ClusterMembers members = ClusterMembers.parse(
            "0,h0:1,h0:2,h0:3,h0:0,h0:5|1,h1:1,h1:2,h1:3,h1:4,h1:5,h1:6|2,[::1]:1,[::1]:2,[::1]:3,[::1]:4,[::1]:5,a:7,a:8");

        assertEquals(3, members.members().size());
        assertNull(members.member(0).archiveResponseEndpoint());
        assertEquals("h1:6", members.member(1).archiveResponseEndpoint());
        assertEquals("a:8", members.member(2).egressResponseEndpoint());
        assertEquals("::1", members.member(2).host());
        assertEquals("h0:0", members.member(0).catchupEndpoint());
        assertEquals("0=h0:1,1=h1:1,2=[::1]:1", members.ingressEndpoints());
        assertEquals(members.encode(), ClusterMembers.parse(members.encode()).encode());
    }

    @Test
    void rejectsMalformedMembers()
    {
        assertMembersRejected("", "empty");
        assertMembersRejected("0,h:1,h:2,h:3,h:4", "has 5 fields");
        assertMembersRejected("x,h:1,h:2,h:3,h:4,h:5", "non-integer id");
        assertMembersRejected("-1,h:1,h:2,h:3,h:4,h:5", "negative id");
        assertMembersRejected("0,h:1,h:2,h:3,h:4,h:5|0,g:1,g:2,g:3,g:4,g:5", "duplicate member id 0");
        assertMembersRejected("0,h:1,h:2,h:3,h:4,h:5|1,h:1,g:2,g:3,g:4,g:5", "endpoint h:1 is used twice");
        assertMembersRejected("0,h1,h:2,h:3,h:4,h:5", "is not host:port");
        assertMembersRejected("0,h:x,h:2,h:3,h:4,h:5", "non-integer port");
        assertMembersRejected("0,h:0,h:2,h:3,h:4,h:5", "only catchup may be 0");
        assertMembersRejected("0,h:70000,h:2,h:3,h:4,h:5", "out of range");
        assertMembersRejected("0,::1:1,h:2,h:3,h:4,h:5", "needs brackets");
    }

    @Test
    void rawMembersOverrideNothingWhenHostsAreAlsoSet() throws IOException
    {
        final NodeConfig config = load(THREE_HOSTS + "warden.node.id=0\n" +
            "warden.cluster.members=0,h:1,h:2,h:3,h:4,h:5\n");

        final ConfigurationException ex = assertThrows(ConfigurationException.class, config::conclude);
        assertTrue(ex.getMessage().contains("are both set"), ex.getMessage());
    }

    @Test
    void rawMembersAreUsedAsGiven() throws IOException
    {
        final NodeConfig config = load("warden.node.id=5\n" +
            "warden.cluster.members=5,10.0.0.5:9002,10.0.0.5:9003,10.0.0.5:9004,10.0.0.5:0,10.0.0.5:9001\n")
            .conclude();

        assertEquals("10.0.0.5", config.thisMember().host());
        assertEquals("aeron:udp?endpoint=10.0.0.5:9001", config.archiveControlChannel());
        assertEquals("aeron:udp?endpoint=10.0.0.5:0", config.replicationChannel());
    }

    @Test
    void reportsEveryProblemAtOnceWithItsSource() throws IOException
    {
        final Path file = write("bad.properties", THREE_HOSTS +
            "warden.node.id=7\n" +
            "warden.cluster.leader.heartbeat.timeout=5s\n" +
            "warden.cluster.startup.canvass.timeout=6s\n" +
            "warden.cluster.log.term.length=3m\n" +
            "warden.cluster.ingress.term.length=256k\n" +
            "warden.driver.ipc.term.length=8m\n" +
            "warden.file.sync.level=3\n" +
            "warden.cluster.election.timeout=500\n" +
            "warden.threading.mode=HALF\n" +
            "warden.cluster.app.version=1.2\n");

        final ConfigurationException ex = assertThrows(
            ConfigurationException.class, () -> NodeConfig.load(List.of(file), null).conclude());
        final String message = ex.getMessage();

        assertTrue(message.contains("warden.node.id=7 (from " + file + "): not one of the member ids"), message);
        assertTrue(message.contains("warden.cluster.startup.canvass.timeout=6s (from " + file + ")"), message);
        assertTrue(message.contains("at least twice warden.cluster.leader.heartbeat.timeout=5s"), message);
        assertTrue(message.contains("warden.cluster.log.term.length=3m"), message);
        assertTrue(message.contains("must be a power of two"), message);
        assertTrue(message.contains("warden.cluster.ingress.term.length=256k"), message);
        assertTrue(message.contains("(termLength/8)"), message);
        assertTrue(message.contains("warden.driver.ipc.term.length=8m"), message);
        assertTrue(message.contains("warden.file.sync.level=3"), message);
        assertTrue(message.contains("warden.cluster.election.timeout=500"), message);
        assertTrue(message.contains("needs a unit"), message);
        assertTrue(message.contains("warden.threading.mode=HALF"), message);
        assertTrue(message.contains("warden.cluster.app.version=1.2"), message);
    }

    @Test
    void ciProfileNeverSpins() throws IOException
    {
        final NodeConfig config = load(THREE_HOSTS + "warden.node.id=0\n" +
            "warden.profile=ci\n" +
            "warden.driver.sender.idle.strategy=noop\n");

        final ConfigurationException ex = assertThrows(ConfigurationException.class, config::conclude);
        assertTrue(ex.getMessage().contains("warden.driver.sender.idle.strategy=noop"), ex.getMessage());
        assertTrue(ex.getMessage().contains("never spins"), ex.getMessage());

        load(THREE_HOSTS + "warden.node.id=0\nwarden.profile=baremetal\nwarden.driver.sender.idle.strategy=noop\n")
            .conclude();
    }

    @Test
    void rejectsUnknownIdleStrategyAndMissingNodeId() throws IOException
    {
        final ConfigurationException ex = assertThrows(
            ConfigurationException.class, () -> load(THREE_HOSTS + "warden.idle.strategy=lazy\n").conclude());

        assertTrue(ex.getMessage().contains("warden.idle.strategy=lazy"), ex.getMessage());
        assertTrue(ex.getMessage().contains("warden.node.id is not set"), ex.getMessage());
    }

    @Test
    void rejectsSegmentShorterThanLogTerm() throws IOException
    {
        final ConfigurationException ex = assertThrows(ConfigurationException.class, () -> load(THREE_HOSTS +
            "warden.node.id=0\nwarden.cluster.log.term.length=64m\nwarden.archive.segment.length=16m\n").conclude());

        assertTrue(ex.getMessage().contains("warden.archive.segment.length=16m"), ex.getMessage());
    }

    @Test
    void buildsConsensusModuleContext() throws IOException
    {
        final NodeConfig config = load(THREE_HOSTS + "warden.node.id=1\n" +
            "warden.cluster.id=3\n" +
            "warden.cluster.app.version=2.5.7\n" +
            "warden.cluster.leader.heartbeat.timeout=1s\n" +
            "warden.cluster.leader.heartbeat.interval=100ms\n" +
            "warden.cluster.election.timeout=500ms\n" +
            "warden.cluster.startup.canvass.timeout=2s\n" +
            "warden.file.sync.level=2\n").conclude();
        final Runnable hook = () -> {};

        final ConsensusModule.Context ctx = config.newConsensusModuleContext(hook);

        assertEquals(3, ctx.clusterId());
        assertEquals(1, ctx.clusterMemberId());
        assertEquals(config.members().encode(), ctx.clusterMembers());
        assertEquals(1, ctx.serviceCount());
        assertEquals(64, ctx.maxConcurrentSessions());
        assertEquals(SemanticVersion.compose(2, 5, 7), ctx.appVersion());
        assertEquals(TimeUnit.SECONDS.toNanos(1), ctx.leaderHeartbeatTimeoutNs());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(100), ctx.leaderHeartbeatIntervalNs());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(500), ctx.electionTimeoutNs());
        assertEquals(TimeUnit.SECONDS.toNanos(2), ctx.startupCanvassTimeoutNs());
        assertEquals(2, ctx.fileSyncLevel());
        assertEquals("aeron:udp?term-length=4m", ctx.ingressChannel());
        assertEquals("aeron:udp?endpoint=127.0.0.1:0", ctx.replicationChannel());
        assertEquals("aeron:ipc", ctx.archiveContext().controlRequestChannel());
        assertEquals("aeron:ipc", ctx.archiveContext().controlResponseChannel());
        assertEquals(420, ctx.archiveContext().controlResponseStreamId());
        assertEquals(hook, ctx.terminationHook());
        assertFalse(ctx.deleteDirOnStart());
        assertInstanceOf(WardenAuthorisationService.class, ctx.authorisationServiceSupplier().get());
        assertInstanceOf(BackoffIdleStrategy.class, ctx.idleStrategy());
    }

    @Test
    void setsArchiveAndClusterSyncLevelsTogether() throws IOException
    {
        final NodeConfig config = load(THREE_HOSTS + "warden.node.id=0\nwarden.file.sync.level=1\n").conclude();

        final Archive.Context archive = config.newArchiveContext();
        assertEquals(1, archive.fileSyncLevel());
        assertEquals(1, archive.catalogFileSyncLevel());
        assertEquals(1, config.newConsensusModuleContext(() -> {}).fileSyncLevel());
        assertEquals("aeron:udp?endpoint=127.0.0.1:9001", archive.controlChannel());
        assertEquals("aeron:udp?endpoint=127.0.0.1:0", archive.replicationChannel());
        assertEquals(ArchiveThreadingMode.SHARED, archive.threadingMode());
        assertEquals(0, archive.archiveId());
    }

    @Test
    void buildsDriverAndContainerContexts() throws IOException
    {
        final NodeConfig config = load(THREE_HOSTS + "warden.node.id=0\n" +
            "warden.threading.mode=DEDICATED\n" +
            "warden.driver.sender.idle.strategy=noop\n" +
            "warden.driver.ipc.term.length=32m\n" +
            "warden.driver.udp.term.length=2m\n" +
            "warden.node.aeron.dir=/dev/shm/warden-test-config/node-0\n").conclude();
        final Runnable hook = () -> {};

        final MediaDriver.Context driver = config.newMediaDriverContext(hook);
        assertEquals(ThreadingMode.DEDICATED, driver.threadingMode());
        assertInstanceOf(NoOpIdleStrategy.class, driver.senderIdleStrategy());
        assertInstanceOf(BackoffIdleStrategy.class, driver.receiverIdleStrategy());
        assertEquals(32 * 1024 * 1024, driver.ipcTermBufferLength());
        assertEquals(2 * 1024 * 1024, driver.publicationTermBufferLength());
        assertEquals("/dev/shm/warden-test-config/node-0", driver.aeronDirectoryName());
        assertEquals(ArchiveThreadingMode.DEDICATED, config.newArchiveContext().threadingMode());

        final ClusteredServiceContainer.Context container = config.newServiceContainerContext(hook);
        assertEquals(0, container.serviceId());
        assertInstanceOf(WardenService.class, container.clusteredService());
        assertEquals(config.clusterDir(), container.clusterDir().getPath());
        assertEquals(121, container.archiveContext().controlResponseStreamId());
        assertEquals(hook, container.terminationHook());
    }

    @Test
    void contextsNeedAConcludedConfig() throws IOException
    {
        final NodeConfig config = load(THREE_HOSTS + "warden.node.id=0\n");

        assertThrows(IllegalStateException.class, () -> config.newConsensusModuleContext(() -> {}));
    }

    @Test
    void aNodeWithoutTheCellSecretFileDoesNotStart() throws IOException
    {
        final NodeConfig config = NodeConfig.load(
            List.of(write("bare.properties", THREE_HOSTS + "warden.node.id=0\n")), null).conclude();

        final ConfigurationException ex =
            assertThrows(ConfigurationException.class, () -> config.newConsensusModuleContext(() -> {}));
        assertTrue(ex.getMessage().contains(NodeConfig.CELL_SECRET_FILE_PROP_NAME), ex::getMessage);
    }

    @Test
    void aCellSecretFileOthersMayReadIsRefused() throws IOException
    {
        final Path secret = dir.resolve("loose.secret");
        CellSecrets.write(secret, CellSecrets.newSecret(), null);
        Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        final NodeConfig config = NodeConfig.load(List.of(write("loose.properties", THREE_HOSTS +
            "warden.node.id=0\n" + NodeConfig.CELL_SECRET_FILE_PROP_NAME + "=" + secret + "\n")), null).conclude();

        final ConfigurationException ex = assertThrows(ConfigurationException.class, config::newAuthenticator);
        assertTrue(ex.getMessage().contains("chmod 600"), ex::getMessage);
    }

    @Test
    void authorisationAllowsSnapshotAdminRequestOnlyWhenEnabled()
    {
        final AuthorisationService allowing = new WardenAuthorisationService(true);
        final AuthorisationService denying = new WardenAuthorisationService(false);
        final int schemaId = MessageHeaderDecoder.SCHEMA_ID;
        final int adminRequest = AdminRequestDecoder.TEMPLATE_ID;

        final byte[] operator = "operator:ops-1".getBytes(StandardCharsets.US_ASCII);
        final byte[] gateway = "gateway:gateway-0".getBytes(StandardCharsets.US_ASCII);

        assertTrue(allowing.isAuthorised(schemaId, adminRequest, AdminRequestType.SNAPSHOT, operator));
        assertFalse(allowing.isAuthorised(schemaId, adminRequest, AdminRequestType.SNAPSHOT, gateway),
            "only an operator's connection may ask for a snapshot");
        assertFalse(allowing.isAuthorised(schemaId, adminRequest, AdminRequestType.SNAPSHOT, new byte[0]));
        assertFalse(denying.isAuthorised(schemaId, adminRequest, AdminRequestType.SNAPSHOT, operator));
        assertFalse(allowing.isAuthorised(schemaId, adminRequest, AdminRequestType.NULL_VAL, operator));
        assertFalse(allowing.isAuthorised(schemaId + 1, adminRequest, AdminRequestType.SNAPSHOT, operator));
        assertFalse(allowing.isAuthorised(schemaId, SessionConnectRequestDecoder.TEMPLATE_ID, null, operator));
        assertTrue(denying.isAuthorised(schemaId, BackupQueryDecoder.TEMPLATE_ID, null, operator),
            "an operator may take a backup");
        assertFalse(allowing.isAuthorised(schemaId, BackupQueryDecoder.TEMPLATE_ID, null, gateway),
            "a backup receives the whole state: a gateway may not take one");
        assertFalse(allowing.isAuthorised(schemaId, BackupQueryDecoder.TEMPLATE_ID, null, new byte[0]));
    }

    @Test
    void describeCanBeLoadedBack() throws IOException
    {
        final NodeConfig config = NodeConfig.load(List.of(configFile("cluster.properties"),
            configFile("node-2.properties"), configFile("profile-ci.properties")), null).conclude();

        final Properties described = new Properties();
        described.load(new StringReader(config.describe()));
        final NodeConfig reloaded = new NodeConfig().applyProperties(described, "describe", false).conclude();

        assertEquals(config.describe(), reloaded.describe());
    }

    @Test
    void shippedConfigFilesAreValid() throws IOException
    {
        for (final String profile : List.of("profile-ci.properties", "profile-baremetal.properties"))
        {
            for (int id = 0; id < 3; id++)
            {
                final NodeConfig config = NodeConfig.load(List.of(
                    configFile("cluster.properties"),
                    configFile("node-" + id + ".properties"),
                    configFile(profile)), null).conclude();

                assertEquals(id, config.memberId());
                assertEquals(3, config.members().members().size());
                assertTrue(config.aeronDir().startsWith("/dev/shm/"), config.aeronDir());
                assertTrue(config.logTermLength() >= 4 * 1024 * 1024);
                assertTrue(config.ipcTermLength() >= NodeConfig.MIN_IPC_TERM_LENGTH);
            }
        }

        final NodeConfig ci = NodeConfig.load(List.of(configFile("cluster.properties"),
            configFile("node-0.properties"), configFile("profile-ci.properties")), null).conclude();
        assertEquals(NodeConfig.Threading.SHARED, ci.threading());
        assertEquals(TimeUnit.SECONDS.toNanos(1), ci.leaderHeartbeatTimeoutNs());
        assertEquals(0, ci.fileSyncLevel(), "the ci profile keeps page-cache durability, as the README says");
        assertEquals(256L << 20, ci.stateQuotaBytes());
        assertEquals(100_000, ci.clusterLimits().maxKeysPerSession());

        final NodeConfig baremetal = NodeConfig.load(List.of(configFile("cluster-multihost.properties.example"),
            configFile("node-1.properties"), configFile("profile-baremetal.properties")), null).conclude();
        assertEquals(NodeConfig.Threading.DEDICATED, baremetal.threading());
        assertEquals(1, baremetal.fileSyncLevel());
        assertEquals("10.0.0.12", baremetal.thisMember().host());
        assertEquals("aeron:udp?endpoint=10.0.0.12:0", baremetal.replicationChannel());
    }

    private NodeConfig load(final String properties) throws IOException
    {
        final Path secret = dir.resolve("cell.secret");
        CellSecrets.write(secret, CellSecrets.newSecret(), CellSecrets.newSecret());
        return NodeConfig.load(List.of(write("test.properties",
            properties + NodeConfig.CELL_SECRET_FILE_PROP_NAME + "=" + secret + "\n")), null);
    }

    private Path write(final String name, final String content) throws IOException
    {
        return Files.writeString(dir.resolve(name), content);
    }

    private static void assertMembersRejected(final String members, final String expected)
    {
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> ClusterMembers.parse(members));
        assertTrue(ex.getMessage().contains(expected), "expected '" + expected + "' in: " + ex.getMessage());
    }

    private static Path configFile(final String name)
    {
        for (Path dir = Path.of("").toAbsolutePath(); null != dir; dir = dir.getParent())
        {
            final Path file = dir.resolve("config").resolve(name);
            if (Files.isReadable(file))
            {
                return file;
            }
        }

        throw new IllegalStateException("config/" + name + " not found");
    }
}
