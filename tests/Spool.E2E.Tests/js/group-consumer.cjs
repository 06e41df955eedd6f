// A kafkajs consumer group member for the operator e2e suite (tests/Spool.E2E.Tests).
//
//   node group-consumer.cjs --kafkajs <path of kafkajs> --bootstrap host:port --map '{"advertised:port":"127.0.0.1:port"}'
//                           --topic t --group g --expect N [--stay]
//
// Joins the group, consumes until it has seen N records, commits what it consumed and prints {"consumed": n}.
// With --stay it then remains a member until SIGTERM. Either way it leaves the group cleanly at the end.
// Brokers advertise pod DNS names that only resolve inside a cluster: --map sends them to the loopback ports the
// API emulator's kubelet gave the broker processes (kafkajs's socketFactory is its connect hook).
'use strict'
const net = require('node:net')
const { parseArgs } = require('node:util')

const { values } = parseArgs({
  options: {
    kafkajs: { type: 'string' },
    bootstrap: { type: 'string' },
    map: { type: 'string', default: '{}' },
    topic: { type: 'string' },
    group: { type: 'string' },
    expect: { type: 'string', default: '0' },
    stay: { type: 'boolean', default: false }
  }
})
const { Kafka, logLevel } = require(values.kafkajs)
const map = JSON.parse(values.map)

function socketFactory ({ host, port, onConnect }) {
  const target = map[`${host}:${port}`]
  const colon = target ? target.lastIndexOf(':') : -1
  const socket = target
    ? net.connect({ host: target.slice(0, colon), port: Number(target.slice(colon + 1)) }, onConnect)
    : net.connect({ host, port }, onConnect)
  socket.setKeepAlive(true, 30000)
  return socket
}

async function main () {
  const kafka = new Kafka({ clientId: 'e2e-kafkajs', brokers: [values.bootstrap], socketFactory, logLevel: logLevel.WARN, retry: { retries: 20 } })
  const consumer = kafka.consumer({ groupId: values.group, sessionTimeout: 10000, heartbeatInterval: 1000, rebalanceTimeout: 10000 })
  consumer.on(consumer.events.GROUP_JOIN, () => console.log(JSON.stringify({ joined: true })))
  await consumer.connect()
  await consumer.subscribe({ topic: values.topic, fromBeginning: true })
  const expect = Number(values.expect)
  const next = new Map()
  let consumed = 0
  let reached
  const enough = new Promise(resolve => { reached = resolve })
  if (expect === 0) reached()
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      consumed++
      next.set(partition, BigInt(message.offset) + 1n)
      if (consumed >= expect) reached()
    }
  })
  await enough
  if (next.size > 0) {
    await consumer.commitOffsets([...next].map(([partition, offset]) => ({ topic: values.topic, partition, offset: offset.toString() })))
  }
  console.log(JSON.stringify({ consumed }))
  if (values.stay) {
    await new Promise(resolve => process.once('SIGTERM', resolve))
  }
  await consumer.disconnect()
}

main().then(() => process.exit(0), e => { console.error(e); process.exit(1) })
