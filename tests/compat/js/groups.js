// Consumer-group scenarios (issue 3, section 5) with a JavaScript client's own group consumer:
//
//   node groups.js SCENARIO --client kafkajs|platformatic --bootstrap host:port [--topic T] [--group G]
//
// SCENARIO is one of two-groups, split-and-leave, killed-mid-batch, key-order, replay, compaction, restart (see
// group-scenarios.js). Prints one JSON summary line last and exits 1 on the first mismatch. @platformatic/kafka
// needs Node.js >= 22.22; kafkajs runs on any supported Node.js, so each adapter is imported only when chosen.
import { parseArgs } from 'node:util'
import { runMain } from './common.js'
import { scenarios } from './group-scenarios.js'

const ADAPTERS = {
  kafkajs: () => import('./kafkajs-groups.js'),
  platformatic: () => import('./platformatic-groups.js')
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    client: { type: 'string' },
    bootstrap: { type: 'string' },
    topic: { type: 'string' },
    group: { type: 'string' },
    role: { type: 'string', default: '' }
  }
})
const scenario = positionals[0]
const unique = `${scenario}-${Date.now()}-${Math.floor(Math.random() * 2 ** 30)}`

runMain(`${values.client} ${scenario}`, async () => {
  if (!scenarios[scenario]) throw new Error(`unknown scenario ${scenario}; one of ${Object.keys(scenarios).join(', ')}`)
  if (!ADAPTERS[values.client]) throw new Error(`--client must be one of ${Object.keys(ADAPTERS).join(', ')}`)
  if (!values.bootstrap) throw new Error('--bootstrap host:port is required')
  const { createClient } = await ADAPTERS[values.client]()
  const client = await createClient(values.bootstrap)
  try {
    const summary = await scenarios[scenario]({
      client,
      names: { topic: values.topic ?? `topic-${unique}`, group: values.group ?? `group-${unique}` },
      args: values,
      self: { runtime: process.execPath, script: process.argv[1], client: values.client, bootstrap: values.bootstrap, scenario }
    })
    return { scenario, client_version: client.version, ...summary }
  } finally {
    await client.close()
  }
})
