-- wrk script for `make bench`: signed-in requests, htmx headers, POST bodies, JSON summary.
--
-- Read from the environment (bench/run.py sets them):
--   BENCH_COOKIE    Cookie header (session and CSRF cookies), may be empty
--   BENCH_CSRF      CSRF token sent as X-CSRFToken, may be empty
--   BENCH_HTMX      "1" to send HX-Request: true
--   BENCH_REQUESTS  file of "KEY<TAB>METHOD<TAB>PATH<TAB>BODY" lines; when set, each thread
--                   sends, in order, the lines whose KEY modulo BENCH_THREADS is its index
--                   (so one record's successive versions come from one thread, in order);
--                   otherwise wrk's URL is requested
--   BENCH_THREADS   number of wrk threads (to share the lines out)
-- done() prints one line "BENCH_JSON {...}" with the figures bench/run.py reads.

local thread_count = 0

function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
end

local requests = {}
local position = 0

function init(args)
  local cookie = os.getenv("BENCH_COOKIE") or ""
  if cookie ~= "" then wrk.headers["Cookie"] = cookie end
  local csrf = os.getenv("BENCH_CSRF") or ""
  if csrf ~= "" then wrk.headers["X-CSRFToken"] = csrf end
  if os.getenv("BENCH_HTMX") == "1" then wrk.headers["HX-Request"] = "true" end
  local file = os.getenv("BENCH_REQUESTS") or ""
  if file == "" then return end
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  local threads = tonumber(os.getenv("BENCH_THREADS") or "1")
  for line in io.lines(file) do
    local key, method, path, body = line:match("^(%d+)\t([^\t]*)\t([^\t]*)\t(.*)$")
    if key and tonumber(key) % threads == thread_index then
      table.insert(requests, wrk.format(method, path, nil, body))
    end
  end
end

function request()
  if #requests == 0 then return wrk.request() end
  position = position % #requests + 1
  return requests[position]
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"duration_us": %d, "requests": %d, "bytes": %d, "errors_connect": %d, '
      .. '"errors_read": %d, "errors_write": %d, "errors_status": %d, "errors_timeout": %d, '
      .. '"mean_us": %.1f, "max_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d}\n',
    summary.duration, summary.requests, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency.mean, latency.max, latency:percentile(50), latency:percentile(95),
    latency:percentile(99)))
end
