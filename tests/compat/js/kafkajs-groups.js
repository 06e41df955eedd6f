// The kafkajs 2.2.4 adapter of group-scenarios.js: its group consumer (consumer.run with eachBatch and explicit
// commitOffsets), its producer (idempotent when asked) and its admin API (fetchOffsets, resetOffsets, setOffsets,
// fetchTopicOffsets(ByTimestamp), describeGroups).
import { createRequire } from 'node:module'
import kafkajs from 'kafkajs'

// kafkajs is CommonJS: Node's named-export detection misses some of its exports, so destructure the default.
const { Kafka, logLevel } = kafkajs
const require = createRequire(import.meta.url)
const VERSION = require('kafkajs/package.json').version
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1'

// Short sessions (the tests lower group.min.session.timeout.ms) and short fetch waits: kafkajs heartbeats between
// fetches, so a long poll would slow every rebalance down. A member that is to die (quickExpiry) is forgotten sooner.
const GROUP_TIMEOUTS = { sessionTimeout: 6000, rebalanceTimeout: 6000, heartbeatInterval: 300, maxWaitTimeInMs: 200 }
const QUICK_EXPIRY = { sessionTimeout: 3000, rebalanceTimeout: 4000 }

export async function createClient (bootstrap) {
  // Retries that ride out a broker restart (up to ~30 s without a coordinator: see the clean-shutdown note in
  // docs/compatibility.md).
  const kafka = new Kafka({
    clientId: 'spool-compat-kafkajs-groups',
    brokers: [bootstrap],
    logLevel: logLevel.ERROR,
    retry: { initialRetryTime: 100, maxRetryTime: 1000, retries: 60 }
  })
  const admin = kafka.admin()
  await admin.connect()

  const committed = async (group, topic) => {
    const [t] = await admin.fetchOffsets({ groupId: group, topics: [topic] })
    return new Map(t.partitions.map(p => [p.partition, Number(p.offset)]))
  }

  return {
    version: VERSION,
    // resetOffsets({ earliest: true }) commits -2, not the log start offset (kafkajs resolves it when it fetches).
    commitsEarliestSentinel: true,

    async createTopic (topic, partitions, configs = {}) {
      const configEntries = Object.entries(configs).map(([name, value]) => ({ name, value }))
      await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1, configEntries }], waitForLeaders: true })
    },

    async producer ({ idempotent = false }) {
      // An idempotent kafkajs producer needs one request in flight (it says so when there are more).
      const producer = kafka.producer({ idempotent, allowAutoTopicCreation: false, ...(idempotent ? { maxInFlightRequests: 1 } : {}) })
      await producer.connect()
      return {
        async send (topic, messages) {
          await producer.send({
            topic,
            acks: -1,
            messages: messages.map(m => ({ key: m.key, value: m.value, partition: m.partition, timestamp: m.timestamp === undefined ? undefined : String(m.timestamp) }))
          })
        },
        close: () => producer.disconnect()
      }
    },

    member (options) {
      return new KafkajsMember(kafka, options)
    },

    committed,

    async endOffsets (topic) {
      return new Map((await admin.fetchTopicOffsets(topic)).map(o => [o.partition, Number(o.high)]))
    },

    async offsetsForTime (topic, ts) {
      return new Map((await admin.fetchTopicOffsetsByTimestamp(topic, ts)).map(o => [o.partition, Number(o.offset)]))
    },

    // kafkajs refuses both while the group has members (it asks DescribeGroups first), as kafka-consumer-groups does.
    async resetToEarliest (group, topic) {
      await admin.resetOffsets({ groupId: group, topic, earliest: true })
    },

    async setOffsets (group, topic, offsets) {
      await admin.setOffsets({ groupId: group, topic, partitions: [...offsets].map(([partition, offset]) => ({ partition, offset: String(offset) })) })
    },

    async describeGroup (group) {
      const { groups: [g] } = await admin.describeGroups([group])
      return { state: g.state, members: g.members.length }
    },

    close: () => admin.disconnect()
  }
}

class KafkajsMember {
  // options: name, group, topic, commit (default true: commit after each batch), onRecord(record, ctx), quickExpiry
  constructor (kafka, { name, group, topic, commit = true, onRecord, quickExpiry = false }) {
    Object.assign(this, { kafka, name, group, topic, commit, onRecord, quickExpiry })
    this.received = []
    this.assigned = []
    this.frozen = false
    this.inflight = Promise.resolve()
  }

  assignment () {
    return [...this.assigned].sort((a, b) => a - b)
  }

  async start () {
    const consumer = this.kafka.consumer({ groupId: this.group, allowAutoTopicCreation: false, ...GROUP_TIMEOUTS, ...(this.quickExpiry ? QUICK_EXPIRY : {}) })
    this.consumer = consumer
    consumer.on(consumer.events.GROUP_JOIN, e => { this.assigned = e.payload.memberAssignment[this.topic] ?? [] })
    await consumer.connect()
    await consumer.subscribe({ topics: [this.topic], fromBeginning: true })
    const ctx = { commit: r => this.commitAt(r.partition, r.offset + 1) }
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        let last = null
        for (const m of batch.messages) {
          if (!isRunning() || isStale()) break
          const record = { partition: batch.partition, offset: Number(m.offset), key: m.key?.toString() ?? null, value: m.value, timestamp: Number(m.timestamp), at: process.hrtime.bigint() }
          this.received.push(record)
          if (this.onRecord) await this.onRecord(record, ctx)
          resolveOffset(m.offset)
          last = record.offset
        }
        if (this.commit && last !== null) await this.commitAt(batch.partition, last + 1)
        await heartbeat()
      }
    })
  }

  async commitAt (partition, offset) {
    if (this.frozen) return
    const commit = this.consumer.commitOffsets([{ topic: this.topic, partition, offset: String(offset) }])
    this.inflight = commit.catch(() => {})
    await commit
  }

  async freezeCommits () {
    this.frozen = true
    await this.inflight
  }

  unfreezeCommits () {
    this.frozen = false
  }

  // Leaves the group (kafkajs waits for the running batch, then sends LeaveGroup).
  async stop () {
    await this.consumer?.disconnect()
    this.assigned = []
  }
}
