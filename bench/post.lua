-- wrk script for `make bench`: POST one body file with the given headers, print one result line.
-- BENCH_BODY: path of the body; BENCH_HEADERS: "Name: value" lines.
-- Each request's campaign is its own: its name starts with a number of its own, since the gateway
-- takes an identical keyless request for a retry of the one it has just sent (409).
local file = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
local _, name_at = wrk.body:find('"name"%s*:%s*"')
local before = name_at and wrk.body:sub(1, name_at) or nil
local after = name_at and wrk.body:sub(name_at + 1) or nil
math.randomseed(os.time())
local run = tostring(math.random(1, 2 ^ 30))
local sent = 0
for line in (os.getenv("BENCH_HEADERS") or ""):gmatch("[^\n]+") do
  local name, value = line:match("^([^:]+):%s*(.*)$")
  if name then
    wrk.headers[name] = value
  end
end

request = function()
  if not before then
    return wrk.format()
  end
  sent = sent + 1
  return wrk.format(nil, nil, nil, before .. run .. "-" .. sent .. " " .. after)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end
