'use strict'
// Run with: node --test devstack/dynalite/test   (DynaliteTest runs it as part of ./mvnw verify)
//
// A client that disconnects in the middle of sending its request must not end the store for every other client:
// dynalite throws from the request's 'error' handler, and server.js keeps such an error to that request.
const test = require('node:test')
const assert = require('node:assert')
const net = require('node:net')
const path = require('node:path')
const { spawn } = require('node:child_process')

function freePort () {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

async function listTables (port) {
  const response = await fetch(`http://127.0.0.1:${port}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.ListTables',
      'x-amz-date': '20260101T000000Z',
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=test',
    },
    body: '{}',
  })
  return response.status
}

async function until (what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      if (await check()) return
    } catch (e) {
      // not yet
    }
    if (Date.now() > deadline) throw new Error('timed out waiting for ' + what)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

test('a request cut off mid-body leaves the store serving', async () => {
  const port = await freePort()
  const server = spawn(process.execPath, [path.join(__dirname, '..', 'server.js'), '--port', String(port)],
    { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  server.stderr.on('data', (chunk) => { stderr += chunk })
  let exited = false
  server.on('exit', () => { exited = true })
  try {
    await until('dynalite to listen', async () => (await listTables(port)) === 200, 15000)

    // Half a request: the body announces 1000 bytes and the connection closes after 10.
    await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n' +
          'X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 1000\r\n\r\n{"Limit": ')
        setTimeout(() => { socket.destroy(); resolve() }, 200)
      })
    })
    await until('the abort to reach dynalite', async () => exited || stderr.includes('went away mid-request'), 5000)

    assert.strictEqual(exited, false, 'dynalite ended: ' + stderr)
    assert.strictEqual(await listTables(port), 200)
  } finally {
    server.kill()
  }
})
