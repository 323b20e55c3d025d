'use strict'
// Run with: node --test devstack/dynalite/test   (DynaliteTest runs it as part of ./mvnw verify)
//
// Counts the iterators dynalite leaves open: every iterator registers with its database when it opens and
// unregisters when it closes. Without close-iterators.js each request below leaves one more registered.
const test = require('node:test')
const assert = require('node:assert')
const { AbstractLevel } = require('abstract-level')

require('../close-iterators')
const dynalite = require('dynalite')

const openResources = new Set()
const attach = AbstractLevel.prototype.attachResource
const detach = AbstractLevel.prototype.detachResource
AbstractLevel.prototype.attachResource = function (resource) {
  openResources.add(resource)
  return attach.call(this, resource)
}
AbstractLevel.prototype.detachResource = function (resource) {
  openResources.delete(resource)
  return detach.call(this, resource)
}

async function call (endpoint, action, body) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.' + action,
      'x-amz-date': '20260101T000000Z',
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=test',
    },
    body: JSON.stringify(body),
  })
  const text = await response.text()
  assert.strictEqual(response.status, 200, `${action}: ${text}`)
  return JSON.parse(text)
}

test('Query, Scan and ListTables close the LevelDB iterators they open', async () => {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  const endpoint = `http://127.0.0.1:${server.address().port}/`
  try {
    await call(endpoint, 'CreateTable', {
      TableName: 'entries',
      AttributeDefinitions: [{ AttributeName: 'owner', AttributeType: 'S' }, { AttributeName: 'at', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' }, { AttributeName: 'at', KeyType: 'RANGE' }],
      BillingMode: 'PAY_PER_REQUEST',
    })
    for (let i = 0; i < 30; i++) {
      await call(endpoint, 'PutItem', { TableName: 'entries', Item: { owner: { S: 'c1' }, at: { S: String(i).padStart(3, '0') } } })
    }
    const before = openResources.size

    const requests = 50
    for (let i = 0; i < requests; i++) {
      // A page smaller than the partition (the stream is ended early) and a read to the end.
      const page = await call(endpoint, 'Query', {
        TableName: 'entries',
        KeyConditionExpression: '#o = :o',
        ExpressionAttributeNames: { '#o': 'owner' },
        ExpressionAttributeValues: { ':o': { S: 'c1' } },
        Limit: 10,
      })
      assert.strictEqual(page.Count, 10)
      await call(endpoint, 'Scan', { TableName: 'entries' })
      await call(endpoint, 'ListTables', {})
    }
    // Closing is asynchronous: give the last streams' close() a moment to finish.
    await new Promise(resolve => setTimeout(resolve, 100))

    const leaked = openResources.size - before
    assert.ok(leaked <= 1, `${leaked} iterators left open after ${requests * 3} requests`)
  }
  finally {
    await new Promise(resolve => server.close(resolve))
  }
})

test('return() resolves even when close() fails, so dynalite never sees an unhandled rejection', async () => {
  const { AbstractIterator } = require('abstract-level')
  const prototype = Object.getPrototypeOf(AbstractIterator.prototype)
  const failingClose = { close: async () => { throw new Error('iterator is already closing') } }
  Object.setPrototypeOf(failingClose, prototype)
  assert.deepStrictEqual(await prototype.return.call(failingClose), { done: true, value: undefined })
})
