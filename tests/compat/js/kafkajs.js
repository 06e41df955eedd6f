// kafkajs 2.2.4 against Spool: the issue-2 compat scenario.
//
// Admin API: create a 6-partition topic, list offsets (earliest/latest and by timestamp), raise the
// partitions to 12, delete records, delete the topic. Producer: sendBatch with gzip (kafkajs's only
// built-in codec; snappy/lz4/zstd need plugins with native builds, so they are not used), keyed records
// with headers (binary, null and repeated names) and explicit timestamps.
//
// Consuming: kafkajs's consumer exists only as a group member, and Spool does not serve consumer groups
// yet, so the records are read with kafkajs's own Fetch path (its Cluster/Broker classes, the same code
// its consumer runs) with explicit partitions and offsets.
import { createRequire } from 'node:module'
import kafkajs from 'kafkajs'
import { args, check, expectedOffsetForTime, makeRecord, runMain, verifyConsumed, waitUntil } from './common.js'

// kafkajs is CommonJS: Node's named-export detection misses some of its exports, so destructure the default.
const { Kafka, CompressionTypes, ConfigResourceTypes, logLevel } = kafkajs
const require = createRequire(import.meta.url)
const KAFKAJS_VERSION = require('kafkajs/package.json').version
const PARTITIONS = 6
// kafkajs warns at every producer about its v2 partitioner change; the warning is noise here.
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1'
const RAISED = 12
const BATCH = 500

// Repeated header names are a kafkajs feature (an array value); they are added on every 7th record.
function toKafkajsHeaders (headers) {
  const out = {}
  for (const [name, value] of headers) {
    out[name] = name in out ? [].concat(out[name], value) : value
  }
  return out
}

function fromKafkajsHeaders (headers) {
  return Object.entries(headers ?? {}).flatMap(([name, v]) => Array.isArray(v) ? v.map(x => [name, x]) : [[name, v]])
}

// Fetches every partition from `from(p)` to its high watermark through kafkajs's Broker.fetch.
async function fetchAll (kafka, topic, partitions, from = () => 0) {
  const createCluster = Object.getOwnPropertySymbols(kafka).find(s => s.description === 'private:Kafka:createCluster')
  const cluster = kafka[createCluster]({ allowAutoTopicCreation: false })
  await cluster.connect()
  try {
    await cluster.addTargetTopic(topic)
    await cluster.refreshMetadata()
    const next = new Map(partitions.map(p => [p, from(p)]))
    const high = new Map()
    const out = []
    const deadline = Date.now() + 60000
    while ([...next].some(([p, o]) => !high.has(p) || o < high.get(p))) {
      check(Date.now() < deadline, 'fetch timed out')
      const byLeader = cluster.findLeaderForPartitions(topic, partitions)
      for (const [nodeId, leaderPartitions] of Object.entries(byLeader)) {
        const broker = await cluster.findBroker({ nodeId })
        const response = await broker.fetch({
          replicaId: -1,
          isolationLevel: 1,
          maxWaitTime: 100,
          minBytes: 1,
          maxBytes: 4 << 20,
          topics: [{ topic, partitions: leaderPartitions.map(p => ({ partition: p, fetchOffset: String(next.get(p)), maxBytes: 1 << 20 })) }]
        })
        for (const t of response.responses) {
          for (const p of t.partitions) {
            check(p.errorCode === 0, `fetch ${topic}/${p.partition}: error code ${p.errorCode}`)
            high.set(p.partition, Number(p.highWatermark))
            for (const m of p.messages) {
              const offset = Number(m.offset)
              // Whole batches come back: skip records before the requested offset.
              if (offset < next.get(p.partition)) continue
              const headers = fromKafkajsHeaders(m.headers)
              out.push({ partition: p.partition, offset, seq: Number(String(headers[0]?.[1])), key: m.key, value: m.value, headers, timestamp: m.timestamp })
              next.set(p.partition, offset + 1)
            }
          }
        }
      }
    }
    return { records: out.sort((a, b) => a.partition - b.partition || a.offset - b.offset), high }
  } finally {
    await cluster.disconnect()
  }
}

async function scenario () {
  const { bootstrap, topic, records, extraRecords } = args('compat-kafkajs')
  void extraRecords // kafkajs has gzip only: the extra-codec phases do not apply
  const kafka = new Kafka({ clientId: 'spool-compat-kafkajs', brokers: [bootstrap], logLevel: logLevel.WARN, retry: { retries: 3 } })
  const admin = kafka.admin()
  await admin.connect()
  try {
    check(await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: '86400000' }] }], waitForLeaders: true }), 'createTopics returned false')
    const described = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }], includeSynonyms: false })
    const retention = described.resources[0].configEntries.find(e => e.configName === 'retention.ms')
    check(retention?.configValue === '86400000', `describeConfigs retention.ms: ${JSON.stringify(retention)}`)
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] })
    check(metadata.topics[0].partitions.length === PARTITIONS, `topic has ${metadata.topics[0].partitions.length} partitions`)

    const producer = kafka.producer({ allowAutoTopicCreation: false })
    await producer.connect()
    const baseTs = Date.now() - 3600000
    const expected = []
    for (let start = 0; start < records; start += BATCH) {
      const batch = []
      for (let seq = start; seq < Math.min(records, start + BATCH); seq++) {
        // kafkajs cannot encode a null header value (Buffer.byteLength(null) throws in sizeOfHeaders).
        const r = makeRecord(seq, 'gzip', baseTs, { nullHeaders: false })
        if (seq % 7 === 0) r.headers.push(['seq', Buffer.from('dup-name')])
        batch.push(r)
      }
      const results = await producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.GZIP,
        topicMessages: [{
          topic,
          messages: batch.map(r => ({ key: r.key, value: r.value, headers: toKafkajsHeaders(r.headers), timestamp: String(r.timestamp) }))
        }]
      })
      check(results.every(x => x.errorCode === 0), `sendBatch errors: ${JSON.stringify(results)}`)
      // kafkajs groups repeated header names together: record the order it will send.
      for (const r of batch) r.headers = fromKafkajsHeaders(toKafkajsHeaders(r.headers))
      expected.push(...batch)
    }
    await producer.disconnect()

    const all = [...Array(PARTITIONS).keys()]
    const { records: consumed, high } = await fetchAll(kafka, topic, all)
    const keys = verifyConsumed(expected, consumed, all)

    // Earliest/latest (fetchTopicOffsets: low/high) and ListOffsets by timestamp.
    const offsets = await admin.fetchTopicOffsets(topic)
    for (const o of offsets) {
      const count = consumed.filter(m => m.partition === o.partition).length
      check(Number(o.low) === 0 && Number(o.high) === count, `partition ${o.partition}: low/high ${o.low}/${o.high}, expected 0/${count}`)
      check(high.get(o.partition) === count, `partition ${o.partition}: fetch high watermark ${high.get(o.partition)}`)
    }
    let offsetChecks = 0
    for (const ts of [baseTs - 1000, baseTs + Math.floor(records / 3), baseTs + Math.floor(records / 2), baseTs + 10 * records]) {
      for (const { partition, offset } of await admin.fetchTopicOffsetsByTimestamp(topic, ts)) {
        // kafkajs turns "no such record" (-1) into the high watermark.
        const want = expectedOffsetForTime(consumed, partition, ts) ?? high.get(partition)
        check(Number(offset) === want, `offset for time ${ts} on partition ${partition}: ${offset}, expected ${want}`)
        offsetChecks++
      }
    }

    // Raise to 12 partitions and use the last one.
    await admin.createPartitions({ topicPartitions: [{ topic, count: RAISED }] })
    await waitUntil('12 partitions', async () => (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions.length === RAISED)
    const late = kafka.producer({ allowAutoTopicCreation: false })
    await late.connect()
    await late.send({ topic, compression: CompressionTypes.GZIP, messages: [{ partition: RAISED - 1, key: 'late', value: 'in-partition-11', headers: { seq: '-1' } }] })
    await late.disconnect()
    const fromNew = await fetchAll(kafka, topic, [RAISED - 1])
    check(fromNew.records.length === 1 && fromNew.records[0].value.toString() === 'in-partition-11', 'partition 11 content differs')

    // DeleteRecords: half of partition 0.
    const half = Math.floor(high.get(0) / 2)
    await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: String(half) }] })
    const after = await admin.fetchTopicOffsets(topic)
    check(Number(after.find(o => o.partition === 0).low) === half, `partition 0 low watermark ${after.find(o => o.partition === 0).low}, expected ${half}`)
    const rest = await fetchAll(kafka, topic, [0], () => half)
    check(rest.records.length === high.get(0) - half && rest.records[0].offset === half, 'partition 0 after DeleteRecords differs')

    await admin.deleteTopics({ topics: [topic], timeout: 30000 })
    await waitUntil('topic gone', async () => !(await admin.listTopics()).includes(topic))
    return { kafkajs: KAFKAJS_VERSION, records: expected.length, codecs: ['gzip'], keys, offset_checks: offsetChecks, partitions_raised_to: RAISED, deleted_before: { 0: half } }
  } finally {
    await admin.disconnect()
  }
}

runMain('kafkajs', scenario)
