'use strict'
// Closes a leak in dynalite 4.0.0; loaded by server.js before dynalite itself.
//
// dynalite's db/index.js ends the LevelDB iterator behind each of its key and value streams by calling
// iterator.return(), but abstract-level 3 iterators have close() and no return(), so the call is skipped. The
// iterator then stays open, and stays reachable: the database keeps every open iterator so that it can close
// them when it shuts down. Every Query, Scan and ListTables left one behind (about 24 KB of memory each, measured),
// and each one's implicit LevelDB snapshot kept the table files it had seen from being deleted after compaction,
// so a long load filled the disk (.data/dynamodb reached 73 GB during a 100k bench load).
//
// Giving abstract-level's iterators (all three kinds share this prototype) a return() that closes them makes
// dynalite's own code work as its author meant. Delete this file once dynalite closes its iterators itself.
const { AbstractIterator } = require('abstract-level')

const commonIteratorPrototype = Object.getPrototypeOf(AbstractIterator.prototype)

if (typeof commonIteratorPrototype.return !== 'function') {
  commonIteratorPrototype.return = async function () {
    try {
      await this.close()
    } catch (e) {
      // A stream ended by an aborted request may close an iterator that is already closing; dynalite does not
      // await this call, so a rejection here would be unhandled and end the whole process.
    }
    return { done: true, value: undefined }
  }
}
