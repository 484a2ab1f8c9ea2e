-- GET $BENCH_PATH with bearer $BENCH_TOKEN; `{owner}` is replaced by a random line of
-- $BENCH_OWNERS, `{id}` by one of $BENCH_IDS and `{stage}` by one of $BENCH_STAGES, per request.
local n = 0
function setup(thread) n = n + 1; thread:set("tid", n) end
local lists = {}
local function load(var)
  local out = {}
  local file = os.getenv(var)
  if file then for line in io.lines(file) do out[#out + 1] = line end end
  return out
end
function init(args)
  math.randomseed(os.time() * 100 + (tid or 0))
  lists.owner, lists.id, lists.stage = load("BENCH_OWNERS"), load("BENCH_IDS"), load("BENCH_STAGES")
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
end
request = function()
  local path = os.getenv("BENCH_PATH"):gsub("{(%w+)}", function(name)
    local l = lists[name]
    return l[math.random(1, #l)]
  end)
  return wrk.format("GET", path)
end
