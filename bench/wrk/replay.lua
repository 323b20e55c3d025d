-- wrk script shared by every HTTP benchmark: replays the requests prepared by bench.mjs.
--
--   BENCH_REQUESTS=<file> BENCH_THREADS=2 wrk -t2 -c16 -d15s -s bench/wrk/replay.lua http://127.0.0.1:8080
--
-- One request per line of the file, tab-separated: method, path, body ("" for none), then any number of
-- "Header: value" fields. Thread k of n (n = BENCH_THREADS, the -t given to wrk: wrk runs each thread's
-- init() before it sets up the next, so the count cannot be learned here) takes lines k, k+n, k+2n, ...
-- and cycles through them, so two threads never send the same line (each booking line books once).
-- done() prints one "BENCH_JSON {...}" line with throughput, latency percentiles and the status counts.

local threads = {}

function setup(thread)
   thread:set("index", #threads)
   table.insert(threads, thread)
end

local function split(line)
   local fields = {}
   for field in (line .. "\t"):gmatch("([^\t]*)\t") do
      table.insert(fields, field)
   end
   return fields
end

local prepared = {}
local next_request = 1
statuses = {}

local function format(line)
   local fields = split(line)
   local headers = {}
   for i = 4, #fields do
      local name, value = fields[i]:match("^([^:]+):%s*(.*)$")
      headers[name] = value
   end
   return wrk.format(fields[1], fields[2], headers, fields[3] ~= "" and fields[3] or nil)
end

function init(args)
   local path = os.getenv("BENCH_REQUESTS")
   local count = tonumber(os.getenv("BENCH_THREADS") or "1")
   local file = assert(io.open(path, "r"), "cannot read BENCH_REQUESTS=" .. tostring(path))
   local lines = {}
   for line in file:lines() do
      table.insert(lines, line)
   end
   file:close()
   assert(#lines > 0, "no requests in " .. path)
   for i = 1, #lines do
      -- fewer lines than threads (one fixed read request): every thread sends all of them
      if (i - 1) % count == index or #lines < count then
         table.insert(prepared, format(lines[i]))
      end
   end
end

function request()
   local raw = prepared[next_request]
   next_request = next_request % #prepared + 1
   return raw
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local counts = {}
   for _, thread in ipairs(threads) do
      for status, n in pairs(thread:get("statuses")) do
         counts[status] = (counts[status] or 0) + n
      end
   end
   local status_json = {}
   for status, n in pairs(counts) do
      table.insert(status_json, string.format('"%d":%d', status, n))
   end
   io.write(string.format(
      'BENCH_JSON {"requests":%d,"durationUs":%d,"bytes":%d,' ..
      '"socketErrors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},' ..
      '"latencyUs":{"mean":%.0f,"p50":%d,"p90":%d,"p99":%d,"max":%d},"statuses":{%s}}\n',
      summary.requests, summary.duration, summary.bytes,
      summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
      latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
      table.concat(status_json, ",")))
end
