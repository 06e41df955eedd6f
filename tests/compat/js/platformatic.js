// @platformatic/kafka against Spool: the issue-2 compat scenario.
//
// Admin: create a 6-partition topic, ListOffsets (earliest, latest, by timestamp), raise the partitions to
// 12, DeleteRecords, delete the topic. Producer: keyed records with binary and null-valued headers and
// explicit timestamps, with every codec this client has on the running Node.js: gzip (zlib), snappy and lz4
// (WebAssembly, no native build), zstd only where node:zlib has it (Node.js >= 22.15; skipped and
// reported otherwise).
//
// Consuming: Consumer.fetch() (the client's public group-less Fetch) with explicit partitions and offsets:
// Spool does not serve consumer groups yet.
import zlib from 'node:zlib'
import { Admin, ConfigResourceTypes, Consumer, Producer, ProduceAcks, clientSoftwareVersion } from '@platformatic/kafka'
import { args, check, expectedOffsetForTime, makeRecord, runMain, verifyConsumed, waitUntil } from './common.js'

// The package exports no package.json; it reports its own version as the KIP-511 software version.
const VERSION = clientSoftwareVersion
const PARTITIONS = 6
const RAISED = 12
const BATCH = 500
const CODECS = ['gzip', 'snappy', 'lz4', ...(typeof zlib.zstdCompressSync === 'function' ? ['zstd'] : [])]

// The Consumer needs a group id even though fetch() never talks to a group coordinator.
function consumer (bootstrap) {
  return new Consumer({ clientId: 'spool-compat-platformatic', bootstrapBrokers: [bootstrap], groupId: 'compat-platformatic-unused', retries: 2 })
}

async function fetchAll (bootstrap, topic, partitions, from = () => 0n) {
  const c = consumer(bootstrap)
  try {
    const metadata = await c.metadata({ topics: [topic], forceUpdate: true })
    const t = metadata.topics.get(topic)
    const next = new Map(partitions.map(p => [p, BigInt(from(p))]))
    const high = new Map()
    const out = []
    const deadline = Date.now() + 60000
    while ([...next].some(([p, o]) => !high.has(p) || o < high.get(p))) {
      check(Date.now() < deadline, 'fetch timed out')
      const byLeader = new Map()
      for (const p of partitions) {
        const leader = t.partitions[p].leader
        byLeader.set(leader, [...(byLeader.get(leader) ?? []), p])
      }
      for (const [node, ps] of byLeader) {
        const response = await c.fetch({
          node,
          maxWaitTime: 100,
          topics: [{ topicId: t.id, partitions: ps.map(p => ({ partition: p, currentLeaderEpoch: -1, fetchOffset: next.get(p), lastFetchedEpoch: -1, partitionMaxBytes: 1 << 20 })) }]
        })
        for (const rt of response.responses) {
          for (const rp of rt.partitions) {
            check(rp.errorCode === 0, `fetch ${topic}/${rp.partitionIndex}: error code ${rp.errorCode}`)
            high.set(rp.partitionIndex, rp.highWatermark)
            for (const batch of rp.records ?? []) {
              for (const r of batch.records) {
                const offset = batch.firstOffset + BigInt(r.offsetDelta)
                if (offset < next.get(rp.partitionIndex)) continue // whole batches come back
                const headers = r.headers.map(([k, v]) => [k.toString(), v])
                out.push({
                  partition: rp.partitionIndex,
                  offset: Number(offset),
                  seq: Number(String(headers[0]?.[1])),
                  key: r.key,
                  value: r.value,
                  headers,
                  timestamp: batch.firstTimestamp + r.timestampDelta
                })
                next.set(rp.partitionIndex, offset + 1n)
              }
            }
          }
        }
      }
    }
    return { records: out.sort((a, b) => a.partition - b.partition || a.offset - b.offset), high: new Map([...high].map(([p, h]) => [p, Number(h)])) }
  } finally {
    await c.close()
  }
}

async function listOffsets (admin, topic, timestamp) {
  const [t] = await admin.listOffsets({ topics: [{ name: topic, partitions: [...Array(PARTITIONS).keys()].map(p => ({ partitionIndex: p, timestamp: BigInt(timestamp) })) }] })
  return new Map(t.partitions.map(p => [p.partitionIndex, Number(p.offset)]))
}

async function scenario () {
  const { bootstrap, topic, records, extraRecords } = args('compat-platformatic')
  const admin = new Admin({ clientId: 'spool-compat-platformatic', bootstrapBrokers: [bootstrap], retries: 2 })
  try {
    await admin.createTopics({ topics: [topic], partitions: PARTITIONS, replicas: 1, configs: [{ name: 'retention.ms', value: '86400000' }] })
    const [described] = await admin.describeConfigs({ resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: topic }] })
    const retention = described.configs.find(e => e.name === 'retention.ms')
    check(retention?.value === '86400000', `describeConfigs retention.ms: ${JSON.stringify(retention)}`)
    const t0 = (await admin.metadata({ topics: [topic] })).topics.get(topic)
    check(t0.partitionsCount === PARTITIONS, `topic has ${t0.partitionsCount} partitions`)

    const baseTs = Date.now() - 3600000
    const expected = []
    let seq = 0
    for (const codec of CODECS) {
      const producer = new Producer({ clientId: 'spool-compat-platformatic', bootstrapBrokers: [bootstrap], compression: codec, acks: ProduceAcks.ALL, autocreateTopics: false })
      try {
        const total = codec === 'gzip' ? records : extraRecords
        for (let start = 0; start < total; start += BATCH) {
          const batch = []
          for (let i = start; i < Math.min(total, start + BATCH); i++) batch.push(makeRecord(seq++, codec, baseTs))
          const result = await producer.send({
            messages: batch.map(r => ({
              topic,
              key: r.key,
              value: r.value,
              headers: new Map(r.headers.map(([k, v]) => [Buffer.from(k), v])),
              timestamp: BigInt(r.timestamp)
            }))
          })
          check(result.offsets?.length > 0, `send returned no offsets: ${JSON.stringify(result, (_, v) => typeof v === "bigint" ? String(v) : v)}`)
          expected.push(...batch)
        }
      } finally {
        await producer.close()
      }
    }

    const all = [...Array(PARTITIONS).keys()]
    const { records: consumed, high } = await fetchAll(bootstrap, topic, all)
    const keys = verifyConsumed(expected, consumed, all)

    const earliest = await listOffsets(admin, topic, -2)
    const latest = await listOffsets(admin, topic, -1)
    for (const p of all) {
      const count = consumed.filter(m => m.partition === p).length
      check(earliest.get(p) === 0 && latest.get(p) === count && high.get(p) === count,
        `partition ${p}: earliest/latest/high ${earliest.get(p)}/${latest.get(p)}/${high.get(p)}, expected 0/${count}/${count}`)
    }
    let offsetChecks = 0
    const total = expected.length
    for (const ts of [baseTs - 1000, baseTs + Math.floor(total / 3), baseTs + Math.floor(total / 2), baseTs + records + 1, baseTs + total - 1, baseTs + 10 * total]) {
      const byTime = await listOffsets(admin, topic, ts)
      for (const p of all) {
        const want = expectedOffsetForTime(consumed, p, ts) ?? -1
        check(byTime.get(p) === want, `ListOffsets ${ts} on partition ${p}: ${byTime.get(p)}, expected ${want}`)
        offsetChecks++
      }
    }

    await admin.createPartitions({ topics: [{ name: topic, count: RAISED }] })
    await waitUntil('12 partitions', async () => (await admin.metadata({ topics: [topic], forceUpdate: true })).topics.get(topic).partitionsCount === RAISED)
    const late = new Producer({ clientId: 'spool-compat-platformatic', bootstrapBrokers: [bootstrap], autocreateTopics: false })
    await late.send({ messages: [{ topic, partition: RAISED - 1, key: Buffer.from('late'), value: Buffer.from('in-partition-11'), headers: new Map([[Buffer.from('seq'), Buffer.from('-1')]]) }] })
    await late.close()
    const fromNew = await fetchAll(bootstrap, topic, [RAISED - 1])
    check(fromNew.records.length === 1 && fromNew.records[0].value.toString() === 'in-partition-11', 'partition 11 content differs')

    const half = Math.floor(high.get(0) / 2)
    const [deleted] = await admin.deleteRecords({ topics: [{ name: topic, partitions: [{ partition: 0, offset: BigInt(half) }] }] })
    check(Number(deleted.partitions[0].lowWatermark) === half, `DeleteRecords low watermark ${deleted.partitions[0].lowWatermark}, expected ${half}`)
    check((await listOffsets(admin, topic, -2)).get(0) === half, 'earliest offset of partition 0 did not move')
    const rest = await fetchAll(bootstrap, topic, [0], () => half)
    check(rest.records.length === high.get(0) - half && rest.records[0].offset === half, 'partition 0 after DeleteRecords differs')

    await admin.deleteTopics({ topics: [topic] })
    await waitUntil('topic gone', async () => !(await admin.listTopics()).includes(topic))
    return {
      platformatic_kafka: VERSION,
      node: process.version,
      records: expected.length,
      codecs: CODECS.filter(c => expected.some(r => r.headers[1][1].toString() === c)),
      codecs_unavailable: CODECS.includes('zstd') ? [] : ['zstd (node:zlib has no zstd before Node.js 22.15)'],
      keys,
      offset_checks: offsetChecks,
      partitions_raised_to: RAISED,
      deleted_before: { 0: half }
    }
  } finally {
    await admin.close()
  }
}

runMain('@platformatic/kafka', scenario)
