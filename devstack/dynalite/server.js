'use strict'
// How ./run, the tests and the dynalite container image start dynalite: its own command line
// (node_modules/dynalite/cli.js, same arguments) with the iterator leak of close-iterators.js closed first.
require('./close-iterators')

// Node ends the process on an unhandled rejection. One request's failure (seen when a client aborted requests
// mid-stream while shutting down) must not take the store away from every other client: log it and go on.
process.on('unhandledRejection', (reason) => {
  console.error('dynalite: unhandled rejection, still serving:', reason && reason.stack ? reason.stack : reason)
})

require('dynalite/cli.js')
