// A kafkajs group consumer for the CLI replay scenario (issue 3, scenario 4). kafkajs comes from
// tests/compat/node_modules (NODE_PATH). Joins --group on --topic, reads until --expect records arrived, waits
// --settle ms more so that any record beyond the expected ones shows up, commits what it read, leaves the group
// (disconnect) and prints one JSON line: {"client": "...", "values": [...]}.
'use strict'
const { parseArgs } = require('node:util')
const { Kafka, logLevel } = require('kafkajs')
const { version } = require('kafkajs/package.json')

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))
// A deadline that does not keep the process alive once the work is done.
const deadline = ms => new Promise(resolve => setTimeout(resolve, ms).unref())

async function main () {
  const { values: args } = parseArgs({
    options: {
      bootstrap: { type: 'string' },
      topic: { type: 'string' },
      group: { type: 'string' },
      expect: { type: 'string' },
      settle: { type: 'string', default: '2000' },
      timeout: { type: 'string', default: '60000' }
    }
  })
  const expect = Number(args.expect)
  const kafka = new Kafka({ clientId: 'replay-kafkajs', brokers: [args.bootstrap], logLevel: logLevel.ERROR })
  const consumer = kafka.consumer({ groupId: args.group, sessionTimeout: 6000, rebalanceTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 100 })
  await consumer.connect()
  await consumer.subscribe({ topics: [args.topic], fromBeginning: true })

  const values = []
  const next = new Map()
  let reached
  const done = new Promise(resolve => { reached = resolve })
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      values.push(message.value.toString())
      next.set(partition, Number(message.offset) + 1)
      if (values.length >= expect) reached()
    }
  })
  await Promise.race([done, deadline(Number(args.timeout))])
  await sleep(Number(args.settle))
  if (next.size > 0) {
    await consumer.commitOffsets([...next].map(([partition, offset]) => ({ topic: args.topic, partition, offset: String(offset) })))
  }
  await consumer.disconnect()
  console.log(JSON.stringify({ client: `kafkajs ${version}`, values }))
}

main().catch(error => {
  console.error(error)
  process.exit(1)
})
