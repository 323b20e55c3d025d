'use strict'
// How ./run, the tests and the dynalite container image start dynalite: its own command line
// (node_modules/dynalite/cli.js, same arguments) with the iterator leak of close-iterators.js closed first.
require('./close-iterators')

// Node ends the process on an unhandled rejection. One request's failure (seen when a client aborted requests
// mid-stream while shutting down) must not take the store away from every other client: log it and go on.
process.on('unhandledRejection', (reason) => {
  console.error('dynalite: unhandled rejection, still serving:', reason && reason.stack ? reason.stack : reason)
})

// dynalite throws from a request's 'error' handler, so a client that goes away in the middle of sending its request
// (a service killed with kill -9, a connection reset) ended the store for everyone (seen in CI). That error belongs
// to one request: log it and go on serving. Any other uncaught error still ends the process, as Node would.
process.on('uncaughtException', (err) => {
  if (err && (err.code === 'ECONNRESET' || err.code === 'ECONNABORTED' || err.message === 'aborted')) {
    console.error('dynalite: a client went away mid-request (' + err.message + '), still serving')
    return
  }
  console.error(err && err.stack ? err.stack : err)
  process.exit(1)
})

require('dynalite/cli.js')
