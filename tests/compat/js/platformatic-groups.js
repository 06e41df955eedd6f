// The @platformatic/kafka adapter of group-scenarios.js: its group consumer (Consumer.consume() in "committed"
// mode, message.commit()), its producer (idempotent when asked) and its Admin (listConsumerGroupOffsets,
// alterConsumerGroupOffsets, listOffsets, describeGroups).
import { Admin, Consumer, Producer, ProduceAcks, clientSoftwareVersion } from '@platformatic/kafka'

// Short sessions (the tests lower group.min.session.timeout.ms), short fetch waits, and retries that ride out a
// broker restart (up to ~30 s without a coordinator: see the clean-shutdown note in docs/compatibility.md). A member
// that is to die (quickExpiry) is forgotten sooner.
const GROUP_TIMEOUTS = { sessionTimeout: 6000, rebalanceTimeout: 6000, heartbeatInterval: 300 }
const QUICK_EXPIRY = { sessionTimeout: 3000, rebalanceTimeout: 4000 }
const RETRIES = { retries: 120, retryDelay: 250 }
const CLIENT_ID = 'spool-compat-platformatic-groups'

export async function createClient (bootstrap) {
  const bootstrapBrokers = [bootstrap]
  const admin = new Admin({ clientId: CLIENT_ID, bootstrapBrokers, ...RETRIES })

  const listOffsets = async (topic, timestamp) => {
    const { partitionsCount } = (await admin.metadata({ topics: [topic], forceUpdate: true })).topics.get(topic)
    const [t] = await admin.listOffsets({
      topics: [{ name: topic, partitions: Array.from({ length: partitionsCount }, (_, p) => ({ partitionIndex: p, timestamp: BigInt(timestamp) })) }]
    })
    return new Map(t.partitions.map(p => [p.partitionIndex, Number(p.offset)]))
  }

  const setOffsets = async (group, topic, offsets) => {
    // A group-less OffsetCommit (generation -1, no member id): the broker takes it only while the group is empty.
    try {
      await admin.alterConsumerGroupOffsets({
        groupId: group,
        topics: [{ name: topic, partitionOffsets: [...offsets].map(([partition, offset]) => ({ partition, offset: BigInt(offset) })) }]
      })
    } catch (e) {
      // The client's message is generic; the partition error codes of the OffsetCommit response say why.
      const codes = (e.errors ?? []).flatMap(x => x.response?.topics?.flatMap(t => t.partitions.map(p => p.errorCode)) ?? [])
      throw new Error(`${e.message} OffsetCommit error codes: ${[...new Set(codes)].join(', ') || 'none'}`, { cause: e })
    }
  }

  return {
    version: clientSoftwareVersion,

    async createTopic (topic, partitions, configs = {}) {
      await admin.createTopics({ topics: [topic], partitions, replicas: 1, configs: Object.entries(configs).map(([name, value]) => ({ name, value })) })
    },

    async producer ({ idempotent = false }) {
      const producer = new Producer({ clientId: CLIENT_ID, bootstrapBrokers, idempotent, acks: ProduceAcks.ALL, autocreateTopics: false, ...RETRIES })
      return {
        async send (topic, messages) {
          await producer.send({
            messages: messages.map(m => ({
              topic,
              key: Buffer.from(m.key),
              value: m.value,
              partition: m.partition,
              timestamp: m.timestamp === undefined ? undefined : BigInt(m.timestamp)
            }))
          })
        },
        close: () => producer.close()
      }
    },

    member (options) {
      return new PlatformaticMember(bootstrapBrokers, options)
    },

    async committed (group, topic) {
      const [g] = await admin.listConsumerGroupOffsets({ groups: [group] })
      const t = g.topics.find(x => x.name === topic)
      return new Map((t?.partitions ?? []).map(p => [p.partitionIndex, Number(p.committedOffset)]))
    },

    endOffsets: topic => listOffsets(topic, -1),

    offsetsForTime: (topic, ts) => listOffsets(topic, ts),

    async resetToEarliest (group, topic) {
      await setOffsets(group, topic, await listOffsets(topic, -2))
    },

    setOffsets,

    async describeGroup (group) {
      const g = (await admin.describeGroups({ groups: [group] })).get(group)
      return { state: g.state, members: g.members.size }
    },

    close: () => admin.close()
  }
}

class PlatformaticMember {
  // options: name, group, topic, commit (default true: commit each record after it is processed), onRecord(record, ctx),
  // quickExpiry
  constructor (bootstrapBrokers, { name, group, topic, commit = true, onRecord, quickExpiry = false }) {
    Object.assign(this, { bootstrapBrokers, name, group, topic, commit, onRecord })
    this.timeouts = { ...GROUP_TIMEOUTS, ...(quickExpiry ? QUICK_EXPIRY : {}) }
    this.received = []
    this.assigned = []
    this.frozen = false
    this.pending = new Set()
  }

  assignment () {
    return [...this.assigned].sort((a, b) => a - b)
  }

  async start () {
    const consumer = new Consumer({
      clientId: CLIENT_ID,
      bootstrapBrokers: this.bootstrapBrokers,
      groupId: this.group,
      autocommit: false,
      maxWaitTime: 200,
      ...this.timeouts,
      ...RETRIES
    })
    this.consumer = consumer
    consumer.on('consumer:group:join', ({ assignments }) => {
      this.assigned = (assignments ?? []).filter(a => a.topic === this.topic).flatMap(a => a.partitions)
    })
    consumer.on('consumer:group:leave', () => { this.assigned = [] })
    // "committed": start from the group's committed offsets, from the log start where there is none.
    const stream = await consumer.consume({ topics: [this.topic], mode: 'committed', fallbackMode: 'earliest', autocommit: false, ...this.timeouts })
    this.stream = stream
    this.loop = (async () => {
      for await (const m of stream) {
        const record = { partition: m.partition, offset: Number(m.offset), key: m.key?.toString() ?? null, value: m.value ?? null, timestamp: Number(m.timestamp), at: process.hrtime.bigint() }
        this.received.push(record)
        if (this.onRecord) await this.onRecord(record, { commit: () => this.commitMessage(m) })
        if (this.commit) this.commitMessage(m).catch(e => { this.commitError = e })
      }
    })()
    // A stream error (beyond the client's retries) ends the loop; record it for the scenario's failure message.
    this.loop.catch(e => { this.streamError = e })
  }

  // message.commit() commits offset + 1; the client coalesces commits of one partition into one request.
  commitMessage (message) {
    if (this.frozen) return Promise.resolve()
    const commit = Promise.resolve(message.commit())
    this.pending.add(commit)
    commit.finally(() => this.pending.delete(commit)).catch(() => {})
    return commit
  }

  async freezeCommits () {
    this.frozen = true
    await Promise.allSettled([...this.pending])
  }

  unfreezeCommits () {
    this.frozen = false
  }

  // close(true) closes the stream and sends LeaveGroup. Manual commits still queued behind an in-flight one are
  // dropped by close (the closing consumer is no longer active, so its final flush is skipped), so they are
  // awaited first, as an application draining before shutdown would.
  async stop () {
    const pending = Promise.allSettled([...this.pending])
    await Promise.race([pending, new Promise(resolve => setTimeout(resolve, 10000).unref())])
    await this.consumer?.close(true)
    this.assigned = []
  }
}
