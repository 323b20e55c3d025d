'use strict'
// How ./run, the tests and the dynalite container image start dynalite: its own command line
// (node_modules/dynalite/cli.js, same arguments) with the iterator leak of close-iterators.js closed first.
require('./close-iterators')
require('dynalite/cli.js')
