-- GET /api/v1/customers/{id} with a random id from $BENCH_IDS, bearer $BENCH_TOKEN.
-- With $BENCH_FORWARDED_FOR the requests say they come from that address (for servers that
-- trust X-Forwarded-For), and with $BENCH_P95 set the run ends with the 95th percentile
-- latency and the rate (bench/login_flood.sh).
local n = 0
function setup(thread) n = n + 1; thread:set("tid", n) end
local ids = {}
function init(args)
  math.randomseed(os.time() * 100 + (tid or 0))
  for line in io.lines(os.getenv("BENCH_IDS")) do ids[#ids + 1] = line end
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
  local from = os.getenv("BENCH_FORWARDED_FOR")
  if from then wrk.headers["X-Forwarded-For"] = from end
end
request = function() return wrk.format("GET", "/api/v1/customers/" .. ids[math.random(1, #ids)]) end
function done(summary, latency, requests)
  if os.getenv("BENCH_P95") then
    io.write(string.format("P95_MS %.2f\nRPS %.0f\n", latency:percentile(95.0) / 1000.0, summary.requests / (summary.duration / 1e6)))
  end
end
