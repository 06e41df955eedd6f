// Shared pieces of the JavaScript compat scenarios (kafkajs and @platformatic/kafka): arguments,
// deterministic records, checks that fail loudly, and the one-line JSON summary.
import { parseArgs } from 'node:util'

export class Mismatch extends Error {}

export function check (condition, message) {
  if (!condition) throw new Mismatch(message)
}

export function args (prefix) {
  const { values } = parseArgs({
    options: {
      bootstrap: { type: 'string' },
      topic: { type: 'string' },
      records: { type: 'string', default: '10000' },
      'extra-records': { type: 'string', default: '1000' }
    }
  })
  if (!values.bootstrap) throw new Error('--bootstrap host:port is required')
  return {
    bootstrap: values.bootstrap,
    topic: values.topic ?? `${prefix}-${Date.now()}-${Math.floor(Math.random() * 2 ** 30)}`,
    records: Number(values.records),
    extraRecords: Number(values['extra-records'])
  }
}

// A small deterministic PRNG (mulberry32) so every run produces the same bytes for the same seq.
function rng (seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Record number seq: binary value (null now and then), a binary header and, where the client can send
// one, a null-valued header.
export function makeRecord (seq, codec, baseTs, { nullHeaders = true } = {}) {
  const next = rng(seq + 1)
  const length = Math.floor(next() * 400)
  const value = seq % 997 === 13 ? null : Buffer.from(Array.from({ length }, () => Math.floor(next() * 256)))
  return {
    seq,
    key: Buffer.from(`user-${seq % 97}`),
    value,
    headers: [
      ['seq', Buffer.from(String(seq))],
      ['codec', Buffer.from(codec)],
      ['bin', Buffer.from([seq % 256, 0, 255, 10])],
      ...(nullHeaders && seq % 5 === 0 ? [['nil', null]] : [])
    ],
    timestamp: baseTs + seq // strictly increasing: offset-by-time has exactly one right answer
  }
}

export function sameBytes (a, b) {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null)
  return Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0
}

// consumed: [{ partition, offset, seq, key, value, headers: [[name, Buffer|null]], timestamp }]
// Checks count, uniqueness, bytes, timestamps, contiguous offsets from `first` per partition, and that each
// partition holds its records in production order (which implies per-key order). Returns the key count.
export function verifyConsumed (expected, consumed, partitions, first = () => 0) {
  check(consumed.length === expected.length, `consumed ${consumed.length} records, produced ${expected.length}`)
  const bySeq = new Map(expected.map(r => [r.seq, r]))
  const seen = new Set()
  const keyPartition = new Map()
  for (const m of consumed) {
    const where = `seq ${m.seq} at ${m.partition}/${m.offset}`
    check(!seen.has(m.seq), `${where}: consumed twice`)
    seen.add(m.seq)
    const r = bySeq.get(m.seq)
    check(r, `${where}: unknown seq`)
    check(sameBytes(m.key, r.key), `${where}: key differs`)
    check(sameBytes(m.value, r.value), `${where}: value differs (${m.value?.length} vs ${r.value?.length} bytes)`)
    check(m.headers.length === r.headers.length &&
      m.headers.every(([n, v], i) => n === r.headers[i][0] && sameBytes(v, r.headers[i][1])),
    `${where}: headers ${JSON.stringify(m.headers)} != ${JSON.stringify(r.headers)}`)
    check(Number(m.timestamp) === r.timestamp, `${where}: timestamp ${m.timestamp} != ${r.timestamp}`)
    const k = r.key.toString()
    check((keyPartition.get(k) ?? m.partition) === m.partition, `key ${k} is on partitions ${keyPartition.get(k)} and ${m.partition}`)
    keyPartition.set(k, m.partition)
  }
  for (const p of partitions) {
    const inP = consumed.filter(m => m.partition === p)
    inP.forEach((m, i) => {
      check(m.offset === first(p) + i, `partition ${p}: offset ${m.offset} at position ${i} (expected ${first(p) + i})`)
      check(i === 0 || m.seq > inP[i - 1].seq, `partition ${p}: seq ${m.seq} after ${inP[i - 1]?.seq} (order broken)`)
    })
  }
  return keyPartition.size
}

// ListOffsets semantics: the first offset whose timestamp is >= ts, or null when there is none.
export function expectedOffsetForTime (consumed, partition, ts) {
  const hits = consumed.filter(m => m.partition === partition && Number(m.timestamp) >= ts).map(m => m.offset)
  return hits.length ? Math.min(...hits) : null
}

// what: a description, or a function giving one (to report the last state seen).
export async function waitUntil (what, predicate, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs
  while (true) {
    if (await predicate()) return
    if (Date.now() > deadline) throw new Mismatch(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`)
    await new Promise(resolve => setTimeout(resolve, 200))
  }
}

export async function runMain (client, body) {
  const started = Date.now()
  try {
    const summary = await body()
    console.log(JSON.stringify({ client, ok: true, ...summary, seconds: (Date.now() - started) / 1000 }))
    process.exit(0)
  } catch (e) {
    const kind = e instanceof Mismatch ? 'MISMATCH' : 'ERROR'
    console.error(`${kind} [${client}]: ${e?.stack ?? e}`)
    console.log(JSON.stringify({ client, ok: false, error: String(e?.message ?? e) }))
    process.exit(1)
  }
}
