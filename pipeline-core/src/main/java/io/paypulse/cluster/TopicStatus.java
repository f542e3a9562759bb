package io.paypulse.cluster;

/**
 * One topic as the cluster has it.
 *
 * @param name        topic name
 * @param created     whether the call that returned this created the topic
 * @param partitions  partition count
 * @param replication replication factor (replicas of its first partition)
 */
public record TopicStatus(String name, boolean created, int partitions, int replication) {
}
