-- wrk script of the mixed-load run of `make bench`: every connection cycles over the
-- pages listed in BENCH_REQUESTS ("KEY<TAB>METHOD<TAB>PATH<TAB>BODY" lines, all of them
-- for every thread, each thread starting at a different page) with the session in
-- BENCH_COOKIE. done() prints "BENCH_JSON {...}" with the latency figures, the number
-- of requests over BENCH_SLOW_US microseconds and the number of answers that were not 200.

local threads = {}

function setup(thread)
  thread:set("thread_index", #threads)
  table.insert(threads, thread)
end

local requests = {}
local position = 0
not_ok = 0

function init(args)
  local cookie = os.getenv("BENCH_COOKIE") or ""
  if cookie ~= "" then wrk.headers["Cookie"] = cookie end
  for line in io.lines(os.getenv("BENCH_REQUESTS")) do
    local key, method, path = line:match("^(%d+)\t([^\t]*)\t([^\t]*)\t")
    if key then table.insert(requests, wrk.format(method, path)) end
  end
  position = thread_index % #requests
end

function request()
  position = position % #requests + 1
  return requests[position]
end

function response(status, headers, body)
  -- A redirect (to the sign-in page, say) is not a page: count it as an error.
  if status ~= 200 then not_ok = not_ok + 1 end
end

function done(summary, latency, _)
  local slow_limit = tonumber(os.getenv("BENCH_SLOW_US") or "2000000")
  local slow = 0
  for i = 1, #latency do
    local value, count = latency(i)
    if value > slow_limit then slow = slow + count end
  end
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + (thread:get("not_ok") or 0) end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"duration_us": %d, "requests": %d, "bytes": %d, "errors_connect": %d, '
      .. '"errors_read": %d, "errors_write": %d, "errors_status": %d, "errors_timeout": %d, '
      .. '"errors_not_200": %d, "slow": %d, '
      .. '"mean_us": %.1f, "max_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d}\n',
    summary.duration, summary.requests, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, bad, slow, latency.mean, latency.max, latency:percentile(50), latency:percentile(95),
    latency:percentile(99)))
end
