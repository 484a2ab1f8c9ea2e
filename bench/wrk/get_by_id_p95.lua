-- GET /api/v1/customers/{id} (bench/wrk/get_by_id.lua) as one user at one address, with the p95.
local n = 0
function setup(thread) n = n + 1; thread:set("tid", n) end
local ids = {}
function init(args)
  math.randomseed(os.time() * 100 + (tid or 0))
  for line in io.lines(os.getenv("BENCH_IDS")) do ids[#ids + 1] = line end
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
  wrk.headers["X-Forwarded-For"] = "192.0.2.10"
end
request = function() return wrk.format("GET", "/api/v1/customers/" .. ids[math.random(1, #ids)]) end
function done(summary, latency, requests)
  io.write(string.format("P95_MS %.2f\nRPS %.0f\n", latency:percentile(95.0) / 1000.0, summary.requests / (summary.duration / 1e6)))
end
