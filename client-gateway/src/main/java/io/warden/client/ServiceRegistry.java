package io.warden.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;

/**
 * Service discovery by convention: an instance registers an ephemeral key {@code /services/<service>/<instance>}
 * holding its address; consumers list the prefix and watch it. An instance disappears when its session ends
 * (closed, or expired after its process died or was cut off), so the set of instances follows the set of live
 * processes.
 * <pre>{@code
 * ServiceRegistry registry = new ServiceRegistry(client);
 * client.await(registry.register("payments", "host-7", "10.0.0.7:8080".getBytes(UTF_8)));
 *
 * List<ServiceRegistry.ServiceInstance> now = client.await(registry.discover("payments"));
 * ConfigWatcher watching = client.await(registry.watch("payments",
 *     (service, instances) -> loadBalancer.update(instances)));
 * ...
 * watching.close();
 * }</pre>
 * After {@link ConnectionState#LOST} the registrations are gone with the session: register again after
 * {@link WardenClient#newSession()}.
 */
public final class ServiceRegistry
{
    /** Where services live. */
    public static final String ROOT = "/services/";

    /**
     * One registered instance of a service.
     */
    public static final class ServiceInstance
    {
        private final String service;
        private final String instanceId;
        private final KeyValue entry;

        ServiceInstance(final String service, final String instanceId, final KeyValue entry)
        {
            this.service = service;
            this.instanceId = instanceId;
            this.entry = entry;
        }

        /**
         * The service name.
         * <pre>{@code String service = instance.service(); }</pre>
         *
         * @return the name.
         */
        public String service()
        {
            return service;
        }

        /**
         * The instance id.
         * <pre>{@code String id = instance.instanceId(); }</pre>
         *
         * @return the id.
         */
        public String instanceId()
        {
            return instanceId;
        }

        /**
         * The address it registered; a fresh copy.
         * <pre>{@code byte[] address = instance.address(); }</pre>
         *
         * @return the address bytes.
         */
        public byte[] address()
        {
            return entry.value();
        }

        /**
         * The address as UTF-8.
         * <pre>{@code String hostPort = instance.addressAsString(); }</pre>
         *
         * @return the address text.
         */
        public String addressAsString()
        {
            return entry.valueAsString();
        }

        /**
         * The session that registered it (the instance lives as long as that session).
         * <pre>{@code long session = instance.sessionId(); }</pre>
         *
         * @return the session id.
         */
        public long sessionId()
        {
            return entry.ownerSessionId();
        }

        /**
         * The revision of its registration (or last update).
         * <pre>{@code long revision = instance.revision(); }</pre>
         *
         * @return the revision.
         */
        public long revision()
        {
            return entry.modRevision();
        }

        @Override
        public String toString()
        {
            return "ServiceInstance{" + service + '/' + instanceId + " at " + addressAsString() + '}';
        }
    }

    /**
     * Told the set of instances of a service after every change.
     */
    @FunctionalInterface
    public interface Listener
    {
        /**
         * The set changed (and once at the start).
         * <pre>{@code (service, instances) -> balancer.update(instances) }</pre>
         *
         * @param service   the service.
         * @param instances every instance now, sorted by id; unmodifiable.
         */
        void onInstances(String service, List<ServiceInstance> instances);
    }

    private final WardenClient client;

    /**
     * A registry over a client (its session owns the registrations).
     * <pre>{@code ServiceRegistry registry = new ServiceRegistry(client); }</pre>
     *
     * @param client the client.
     */
    public ServiceRegistry(final WardenClient client)
    {
        this.client = client;
    }

    /**
     * The key of one instance: {@code /services/<service>/<instance>}.
     * <pre>{@code String key = ServiceRegistry.instanceKey("payments", "host-7"); }</pre>
     *
     * @param service    the service name (no '/').
     * @param instanceId the instance id (no '/').
     * @return the key.
     */
    public static String instanceKey(final String service, final String instanceId)
    {
        checkPart("service", service);
        checkPart("instance id", instanceId);
        return ROOT + service + '/' + instanceId;
    }

    /**
     * The prefix of a service's instances: {@code /services/<service>/}.
     * <pre>{@code String prefix = ServiceRegistry.servicePrefix("payments"); }</pre>
     *
     * @param service the service name.
     * @return the prefix.
     */
    public static String servicePrefix(final String service)
    {
        checkPart("service", service);
        return ROOT + service + '/';
    }

    private static void checkPart(final String what, final String part)
    {
        if (part == null || part.isEmpty() || part.indexOf('/') >= 0)
        {
            throw new IllegalArgumentException(what + " must be non-empty and without '/': " + part);
        }
    }

    /**
     * Register (or update) an instance: an ephemeral key owned by this client's session.
     * <pre>{@code client.await(registry.register("payments", "host-7", address)); }</pre>
     *
     * @param service    the service name.
     * @param instanceId the instance id.
     * @param address    the address to publish.
     * @return the put's outcome.
     */
    public CompletableFuture<PutResult> register(final String service, final String instanceId, final byte[] address)
    {
        return client.putEphemeral(instanceKey(service, instanceId), address);
    }

    /**
     * Remove an instance now (instead of when the session ends).
     * <pre>{@code client.await(registry.deregister("payments", "host-7")); }</pre>
     *
     * @param service    the service name.
     * @param instanceId the instance id.
     * @return the delete's outcome.
     */
    public CompletableFuture<DeleteResult> deregister(final String service, final String instanceId)
    {
        return client.delete(instanceKey(service, instanceId));
    }

    /**
     * Every instance of a service now.
     * <pre>{@code List<ServiceRegistry.ServiceInstance> all = client.await(registry.discover("payments")); }</pre>
     *
     * @param service the service name.
     * @return the instances, sorted by id.
     */
    public CompletableFuture<List<ServiceInstance>> discover(final String service)
    {
        final String prefix = servicePrefix(service);
        return client.range(prefix).thenApply(range ->
        {
            final List<ServiceInstance> instances = new ArrayList<>();
            for (final KeyValue kv : range.entries())
            {
                addInstance(service, prefix, kv, instances);
            }
            return Collections.unmodifiableList(instances);
        });
    }

    /**
     * Watch the instances of a service: the listener gets the whole set at the start and after every change.
     * <pre>{@code ConfigWatcher w = client.await(registry.watch("payments", (s, all) -> balancer.update(all))); }</pre>
     *
     * @param service  the service name.
     * @param listener told the set of instances.
     * @return the running watcher, once the first set was delivered; close it to stop.
     */
    public CompletableFuture<ConfigWatcher> watch(final String service, final Listener listener)
    {
        final String prefix = servicePrefix(service);
        final ConfigWatcher watcher = new ConfigWatcher(client, prefix, (view, changes) ->
            listener.onInstances(service, instancesOf(service, prefix, view)));
        return watcher.start();
    }

    static List<ServiceInstance> instancesOf(
        final String service, final String prefix, final NavigableMap<String, KeyValue> view)
    {
        final List<ServiceInstance> instances = new ArrayList<>();
        for (final Map.Entry<String, KeyValue> entry : view.entrySet())
        {
            addInstance(service, prefix, entry.getValue(), instances);
        }
        return Collections.unmodifiableList(instances);
    }

    private static void addInstance(
        final String service, final String prefix, final KeyValue kv, final List<ServiceInstance> instances)
    {
        final String id = kv.key().substring(prefix.length());
        if (!id.isEmpty() && id.indexOf('/') < 0)
        {
            instances.add(new ServiceInstance(service, id, kv));
        }
    }
}
