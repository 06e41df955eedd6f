// Issue 3's consumer-group scenarios, written once against a small client adapter (kafkajs-groups.js,
// platformatic-groups.js) so that every JavaScript client is judged by the same checks.
//
// An adapter offers: createTopic, producer({ idempotent }) -> { send(topic, messages), close }, member(options)
// (a group consumer: start, stop, assignment(), received[], freezeCommits/unfreezeCommits), committed, endOffsets,
// offsetsForTime, resetToEarliest, setOffsets, describeGroup, close. Every scenario fails with a Mismatch naming the
// first difference; waits are on observable conditions (deliveries, assignments, committed offsets), never sleeps.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { check, waitUntil } from './common.js'

const json = v => Buffer.from(JSON.stringify(v))
export const body = r => JSON.parse(r.value.toString())

// Records seq from..from+count-1, each to partition seq % partitions (explicit, so the split is known in advance).
function numbered (from, count, partitions) {
  return Array.from({ length: count }, (_, i) => ({ key: `k-${from + i}`, value: json({ s: from + i }), partition: (from + i) % partitions }))
}

async function produceAll (client, topic, messages, { chunk = 100, idempotent = false } = {}) {
  const producer = await client.producer({ idempotent })
  try {
    for (let i = 0; i < messages.length; i += chunk) await producer.send(topic, messages.slice(i, i + chunk))
  } finally {
    await producer.close()
  }
}

const seqsOf = member => member.received.map(r => body(r).s)
const distinct = members => new Set(members.flatMap(seqsOf))
const sortedNumbers = xs => [...xs].sort((a, b) => a - b)
const range = (from, to) => Array.from({ length: to - from }, (_, i) => from + i)
const sameList = (a, b) => a.length === b.length && a.every((x, i) => x === b[i])
const mapText = m => JSON.stringify(Object.fromEntries([...m].map(([k, v]) => [k, Number(v)])))

// True when the members' current assignments cover partitions 0..n-1, each exactly once.
function splitExactly (members, partitions) {
  const all = members.flatMap(m => m.assignment())
  return all.length === partitions && new Set(all).size === partitions && all.every(p => p >= 0 && p < partitions)
}

async function stopAll (members) {
  await Promise.all(members.map(m => m.stop()))
}

async function expectCommittedAtEnd (client, group, topic, what) {
  const end = await client.endOffsets(topic)
  let committed = new Map()
  await waitUntil(() => `${what}: committed offsets ${mapText(committed)} to reach the end offsets ${mapText(end)}`, async () => {
    committed = await client.committed(group, topic)
    return [...end].every(([p, o]) => committed.get(p) === o)
  })
}

// 1. Two groups on one topic each receive every record, once, and commit up to the end.
async function twoGroups ({ client, names }) {
  const topic = names.topic
  const records = 400
  await client.createTopic(topic, 4)
  await produceAll(client, topic, numbered(0, records, 4))
  const members = ['a', 'b'].map(g => client.member({ name: g, group: `${names.group}-${g}`, topic }))
  await Promise.all(members.map(m => m.start()))
  await waitUntil('both groups to receive every record', () => members.every(m => m.received.length >= records))
  await stopAll(members)
  for (const m of members) {
    const seqs = sortedNumbers(seqsOf(m))
    check(sameList(seqs, range(0, records)), `group ${m.group} received ${seqs.length} records, not each of the ${records} once`)
    await expectCommittedAtEnd(client, m.group, topic, `group ${m.group}`)
  }
  return { groups: members.map(m => m.group), records_per_group: records }
}

// 2. Four members split 8 partitions (no overlap, no gap); one leaves; the other three take its partitions and
// every record is processed at least once.
async function splitAndLeave ({ client, names }) {
  const topic = names.topic
  const partitions = 8
  const records = 400
  await client.createTopic(topic, partitions)
  const members = [0, 1, 2, 3].map(i => client.member({ name: `c${i}`, group: names.group, topic }))
  await Promise.all(members.map(m => m.start()))
  await waitUntil('4 members to split 8 partitions, 2 each',
    () => splitExactly(members, partitions) && members.every(m => m.assignment().length === 2))
  const before = Object.fromEntries(members.map(m => [m.name, m.assignment()]))

  await produceAll(client, topic, numbered(0, records, partitions))
  await waitUntil('the 4 members to consume the first records', () => distinct(members).size >= records)
  const deliveries = members.flatMap(m => m.received.map(r => ({ member: m, r })))
  check(deliveries.length === records, `${deliveries.length} deliveries of ${records} records: some partition was read by two members`)
  for (const { member, r } of deliveries) {
    check(before[member.name].includes(r.partition), `${member.name} got a record of partition ${r.partition}, assigned ${before[member.name]}`)
  }

  const leaving = members.pop()
  await leaving.stop()
  await waitUntil('the 3 remaining members to split 8 partitions', () => splitExactly(members, partitions))
  const after = Object.fromEntries(members.map(m => [m.name, m.assignment()]))
  await produceAll(client, topic, numbered(records, records, partitions))
  const total = 2 * records
  await waitUntil('every record to be processed', () => distinct([...members, leaving]).size >= total)
  // Checked while the group is stable: members that leave together rebalance the group under each other's final
  // commits, and a client may then drop them (@platformatic/kafka skips a flush while it rejoins).
  await expectCommittedAtEnd(client, names.group, topic, 'the group')
  await stopAll(members)
  const seen = sortedNumbers(distinct([...members, leaving]))
  check(sameList(seen, range(0, total)), `processed ${seen.length} distinct records of ${total}`)
  return { before, after, records: total }
}

// 3. A member commits after half the records, takes ten more without committing and is SIGKILLed (a child
// process); its replacement resumes exactly at the committed offset: only the ten are delivered again.
async function killedMidBatch ({ client, names, args, self }) {
  const topic = names.topic
  const records = 200
  const half = records / 2
  const redelivered = 10
  if (args.role === 'victim') {
    let taken = 0
    const victim = client.member({
      name: 'victim',
      group: names.group,
      topic,
      commit: false,
      quickExpiry: true, // its replacement waits for the coordinator to give up on it
      onRecord: async (r, ctx) => {
        taken++
        if (taken === half) {
          await ctx.commit(r)
          console.log(JSON.stringify({ committed: r.offset + 1 }))
        }
        // Mid-batch: the client fetched all 200 records in one go and is inside its batch.
        if (taken === half + redelivered) process.kill(process.pid, 'SIGKILL')
      }
    })
    await victim.start()
    await new Promise(() => {}) // runs until the SIGKILL above
  }

  await client.createTopic(topic, 1)
  await produceAll(client, topic, numbered(0, records, 1))
  const victim = await runChild(self, ['--role', 'victim', '--topic', topic, '--group', names.group], 60000)
  check(victim.signal === 'SIGKILL', `the victim was not killed by SIGKILL: exit ${victim.code} signal ${victim.signal}\n${victim.stderr}`)
  const line = victim.stdout.split('\n').map(l => l.trim()).filter(l => l.startsWith('{"committed"')).pop()
  check(line, `the victim did not report its commit:\n${victim.stdout}\n${victim.stderr}`)
  const committed = JSON.parse(line).committed
  check(committed === half, `the victim committed ${committed}, expected ${half}`)
  check((await client.committed(names.group, topic)).get(0) === half, 'the committed offset is not the victim\'s')

  const replacement = client.member({ name: 'replacement', group: names.group, topic })
  await replacement.start()
  await waitUntil('the replacement to consume the rest', () => replacement.received.length >= records - half, 60000)
  await replacement.stop()
  const offsets = replacement.received.map(r => r.offset)
  check(sameList(offsets, range(half, records)), `the replacement should resume at ${half}: got offsets ${offsets.slice(0, 5)}... (${offsets.length})`)
  await expectCommittedAtEnd(client, names.group, topic, 'the replacement')
  return { committed, redelivered, resumed_at: offsets[0], replacement_records: offsets.length }
}

// 5. Keyed records (the client's own key partitioner), produced while four instances consume: every key stays on
// one partition and one instance, and its records arrive in production order across the instances' merged,
// time-stamped outputs.
async function keyOrder ({ client, names }) {
  const topic = names.topic
  const partitions = 8
  const users = 40
  const records = 2000
  await client.createTopic(topic, partitions)
  const members = [0, 1, 2, 3].map(i => client.member({ name: `i${i}`, group: names.group, topic }))
  await Promise.all(members.map(m => m.start()))
  await waitUntil('4 instances to split 8 partitions', () => splitExactly(members, partitions) && members.every(m => m.assignment().length === 2))

  const perUser = new Array(users).fill(0)
  const messages = Array.from({ length: records }, (_, s) => {
    const u = (s * 7 + Math.floor(s / users)) % users // interleaves users unevenly, not round-robin
    return { key: `user-${u}`, value: json({ s, u, n: perUser[u]++ }) }
  })
  await produceAll(client, topic, messages, { chunk: 50 })
  await waitUntil('the instances to consume every record', () => distinct(members).size >= records)
  await stopAll(members)

  const deliveries = members.flatMap(m => m.received.map(r => ({ instance: m.name, partition: r.partition, offset: r.offset, at: r.at, ...body(r) })))
  check(deliveries.length === records, `${deliveries.length} deliveries of ${records} records (no rebalance happened, so each is expected once)`)
  deliveries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
  const seen = new Map()
  for (const d of deliveries) {
    const last = seen.get(d.u)
    const where = `user-${d.u} record ${d.n} (seq ${d.s}) at ${d.partition}/${d.offset} on ${d.instance}`
    if (last) {
      check(d.n === last.n + 1, `${where} arrived after record ${last.n}: per-key order broken`)
      check(d.partition === last.partition && d.instance === last.instance, `${where}: the key was on ${last.partition}/${last.instance} before`)
      check(d.offset > last.offset, `${where}: offset not after ${last.offset}`)
    } else {
      check(d.n === 0, `${where} is the first record of its key seen`)
    }
    seen.set(d.u, d)
  }
  const perInstance = Object.fromEntries(members.map(m => [m.name, m.received.length]))
  check(Object.values(perInstance).every(n => n > 0), `an instance got no record (${JSON.stringify(perInstance)}): the check proves little`)
  return { records, users: seen.size, per_instance: perInstance }
}

// 4 (replay, through the client's own admin API): consume everything, reset the empty group to earliest and
// consume it all again, then reset it to a timestamp and get exactly the records from that time on.
async function replay ({ client, names }) {
  const topic = names.topic
  const partitions = 4
  const records = 1000
  const from = 600
  await client.createTopic(topic, partitions)
  const baseTs = Date.now() - 3600000
  const messages = Array.from({ length: records }, (_, s) => ({ key: `user-${s % 50}`, value: json({ s }), partition: s % partitions, timestamp: baseTs + s }))
  await produceAll(client, topic, messages)

  async function consumeOnce (what, count) {
    const m = client.member({ name: what, group: names.group, topic })
    await m.start()
    await waitUntil(`${what}: ${count} records`, () => m.received.length >= count)
    return m
  }

  const first = await consumeOnce('first pass', records)
  // The group has a member: a reset must be refused (by the broker, or by the client after DescribeGroups).
  let refused = null
  try {
    await client.resetToEarliest(names.group, topic)
  } catch (e) {
    refused = String(e?.message ?? e)
  }
  check(refused, 'resetting the offsets of a group with an active member was accepted')
  await first.stop()
  check(sameList(sortedNumbers(seqsOf(first)), range(0, records)), 'the first pass did not get each record once')
  await expectCommittedAtEnd(client, names.group, topic, 'the first pass')
  await waitUntil('the group to be empty', async () => (await client.describeGroup(names.group)).state === 'Empty')

  await client.resetToEarliest(names.group, topic)
  const reset = await client.committed(names.group, topic)
  // kafkajs's resetOffsets commits the "earliest" sentinel (-2), which its consumer resolves to the log start.
  const earliest = o => o === 0 || (client.commitsEarliestSentinel && o === -2)
  check(range(0, partitions).every(p => earliest(reset.get(p))), `committed after the reset to earliest: ${mapText(reset)}`)
  const again = await consumeOnce('replay from earliest', records)
  await again.stop()
  check(sameList(sortedNumbers(seqsOf(again)), range(0, records)), `the replay got ${again.received.length} records, not each of the ${records} once`)

  const ts = baseTs + from
  const byTime = await client.offsetsForTime(topic, ts)
  await client.setOffsets(names.group, topic, byTime)
  const atTime = await client.committed(names.group, topic)
  check([...byTime].every(([p, o]) => atTime.get(p) === o), `committed after the reset to ${ts}: ${mapText(atTime)}, expected ${mapText(byTime)}`)
  const fromTime = await consumeOnce('replay from a timestamp', records - from)
  await fromTime.stop()
  const got = sortedNumbers(seqsOf(fromTime))
  check(sameList(got, range(from, records)), `the replay from a timestamp got ${got.length} records from seq ${got[0]}, expected ${from}..${records - 1}`)
  check(fromTime.received.every(r => Number(r.timestamp) >= ts), 'a record older than the reset timestamp was replayed')
  return { records, replayed: again.received.length, from_timestamp: got.length, refused_while_active: refused.slice(0, 120) }
}

// 8. A compacted topic keeps the latest value per key and drops tombstones, as read by the client's group consumer.
async function compaction ({ client, names }) {
  const topic = names.topic
  const keys = 20
  const versions = 10
  const deleted = 5 // keys 0..4 get a tombstone after their last version
  await client.createTopic(topic, 1, {
    'cleanup.policy': 'compact',
    'segment.bytes': '2048', // a few batches per segment: many closed, cleanable segments
    'segment.ms': '100', // and the filler appended by each attempt below rolls the active segment
    'min.cleanable.dirty.ratio': '0.01',
    'min.compaction.lag.ms': '0',
    'delete.retention.ms': '100'
  })
  const producer = await client.producer({})
  const send = (key, value) => producer.send(topic, [{ key, value: value === null ? null : json(value), partition: 0 }])
  try {
    for (let v = 0; v < versions; v++) {
      await producer.send(topic, range(0, keys).map(k => ({ key: `key-${k}`, value: json({ k, v }), partition: 0 })))
    }
    for (let k = 0; k < deleted; k++) await send(`key-${k}`, null)

    // Compaction never touches the active segment, and a tombstone goes only in a cleaning after its delete
    // horizon: a live topic keeps getting writes, so each attempt appends a filler record (its own key) first.
    let attempts = 0
    let last = null
    await waitUntil(() => `compaction to leave one record per live key and no tombstone; last read: ${JSON.stringify(last)}`, async () => {
      await send('filler', { attempt: attempts })
      attempts++
      const records = await readAll(client, topic, `${names.group}-read-${attempts}`)
      const data = records.filter(r => r.key !== 'filler')
      const byKey = new Map()
      for (const r of data) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r.value === null ? null : body(r).v])
      last = { total: records.length, data: data.length, keys: Object.fromEntries(byKey) }
      return data.length === keys - deleted &&
        range(0, keys).every(k => k < deleted ? !byKey.has(`key-${k}`) : sameList(byKey.get(`key-${k}`) ?? [], [versions - 1]))
    }, 90000)
    return { keys, versions, tombstoned: deleted, attempts, records_left: last.total, produced: keys * versions + deleted + attempts }
  } finally {
    await producer.close()
  }
}

// Reads a one-partition topic from the start to its current end with a fresh group.
async function readAll (client, topic, group) {
  const end = (await client.endOffsets(topic)).get(0)
  const m = client.member({ name: group, group, topic, commit: false })
  await m.start()
  try {
    await waitUntil(`${group} to read up to offset ${end}`, () => m.received.some(r => r.offset >= end - 1), 30000)
    return m.received.filter(r => r.offset < end)
  } finally {
    await m.stop()
  }
}

// 6. An idempotent producer and an active group across a broker restart (the test restarts the broker when this
// prints {"event":"restart"} and writes "restarted" to stdin when it serves again). Commits are frozen across the
// restart: afterwards the committed offsets are exactly what they were; the member resumes from them (only records
// after them are delivered again); the producer never stops, and the log holds each acknowledged record once.
async function restart ({ client, names }) {
  const topic = names.topic
  const partitions = 4
  const chunk = 20
  await client.createTopic(topic, partitions)
  const producer = await client.producer({ idempotent: true })
  const member = client.member({ name: 'resumer', group: names.group, topic })
  await member.start()
  let next = 0
  const sendChunk = async () => {
    await producer.send(topic, numbered(next, chunk, partitions))
    next += chunk
  }
  for (let i = 0; i < 10; i++) await sendChunk()
  const beforeRestart = next
  await waitUntil('the group to consume and commit the first records', async () => {
    const committed = await client.committed(names.group, topic)
    return distinct([member]).size >= beforeRestart && [...committed.values()].reduce((a, b) => a + Math.max(b, 0), 0) === beforeRestart
  })
  await member.freezeCommits()
  const before = await client.committed(names.group, topic)
  // The member gets ahead of its committed offsets before the broker goes down.
  await sendChunk()
  await waitUntil('the group to consume an uncommitted chunk', () => distinct([member]).size >= next)

  const restarted = waitForStdinLine('restarted')
  let done = false
  // A closed stdin ends the loop too; the await below then fails with the reason.
  restarted.then(() => { done = true }, () => { done = true })
  console.log(JSON.stringify({ event: 'restart' }))
  let chunksDuringRestart = 0
  while (!done) {
    await sendChunk()
    chunksDuringRestart++
    // Paced: a steady trickle is enough to have a request in flight when the broker goes down.
    await new Promise(resolve => setTimeout(resolve, 25))
  }
  await restarted
  const after = await client.committed(names.group, topic)
  check(mapText(after) === mapText(before), `committed offsets after the restart ${mapText(after)} != before ${mapText(before)}`)
  member.unfreezeCommits()
  for (let i = 0; i < 10; i++) await sendChunk()
  await producer.close()
  const total = next

  await waitUntil('the group to consume every record after the restart', () => distinct([member]).size >= total, 90000)
  await expectCommittedAtEnd(client, names.group, topic, 'the resumed group')
  const end = await client.endOffsets(topic)
  check([...end.values()].reduce((a, b) => a + b, 0) === total, `the log holds ${mapText(end)} records, ${total} were acknowledged: duplicates`)
  await member.stop()

  // Each acknowledged record at exactly one offset; redelivery only at or after the offsets committed before.
  const at = new Map()
  const seqOffset = new Map()
  let redelivered = 0
  for (const r of member.received) {
    const where = `${r.partition}/${r.offset}`
    const s = body(r).s
    if (at.has(where)) {
      check(at.get(where) === s, `${where} held seq ${at.get(where)} and then ${s}`)
      check(r.offset >= before.get(r.partition), `${where} was delivered again though it was committed (${before.get(r.partition)})`)
      redelivered++
      continue
    }
    at.set(where, s)
    check(!seqOffset.has(s), `seq ${s} is in the log twice: ${seqOffset.get(s)} and ${where}`)
    seqOffset.set(s, where)
  }
  check(seqOffset.size === total, `${seqOffset.size} distinct records read, ${total} acknowledged`)
  return { produced: total, chunks_during_restart: chunksDuringRestart, committed_before: Object.fromEntries(before), redelivered }
}

function waitForStdinLine (expected) {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin })
    rl.on('line', line => {
      if (line.trim() === expected) {
        resolve() // before close(): closing emits 'close' at once
        rl.close()
      }
    })
    rl.on('close', () => reject(new Error(`stdin closed before "${expected}"`)))
  })
}

function runChild ({ runtime, script, client, bootstrap, scenario }, extra, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(runtime, [script, scenario, '--client', client, '--bootstrap', bootstrap, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', d => { stdout += d })
    child.stderr.on('data', d => { stderr += d })
    // SIGTERM, not SIGKILL: a victim that hangs must not pass for one that was killed on purpose.
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr })
    })
  })
}

export const scenarios = {
  'two-groups': twoGroups,
  'split-and-leave': splitAndLeave,
  'killed-mid-batch': killedMidBatch,
  'key-order': keyOrder,
  replay,
  compaction,
  restart
}
