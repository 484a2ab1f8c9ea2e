-- GET /api/v1/customers/{id} with a random id from $BENCH_IDS, bearer $BENCH_TOKEN.
local n = 0
function setup(thread) n = n + 1; thread:set("tid", n) end
local ids = {}
function init(args)
  math.randomseed(os.time() * 100 + (tid or 0))
  for line in io.lines(os.getenv("BENCH_IDS")) do ids[#ids + 1] = line end
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
end
request = function() return wrk.format("GET", "/api/v1/customers/" .. ids[math.random(1, #ids)]) end
