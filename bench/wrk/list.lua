-- The list page a sales rep opens: one owner's potential customers, newest first, 20 a page.
local n = 0
function setup(thread) n = n + 1; thread:set("tid", n) end
local owners = {}
function init(args)
  math.randomseed(os.time() * 100 + (tid or 0))
  for line in io.lines(os.getenv("BENCH_OWNERS")) do owners[#owners + 1] = line end
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
end
request = function()
  return wrk.format("GET", "/api/v1/customers?owner_id=" .. owners[math.random(1, #owners)] .. "&pool=potential&sort=-updated_at&page_size=20")
end
