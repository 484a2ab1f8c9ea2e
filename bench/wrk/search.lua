-- Fuzzy q (brand + trade fragments of seeded names, e.g. 云帆信息), 20 rows, sorted by
-- BENCH_SEARCH_SORT (default -updated_at, newest first).
local n = 0
function setup(thread) n = n + 1; thread:set("tid", n) end
local brands = { "云帆", "星河", "华信", "盛达", "恒通", "嘉禾", "瑞丰", "博远", "天成", "宏图", "金桥", "安捷", "鼎新", "汇智", "中科",
  "锦程", "润泽", "凯越", "远航", "正阳", "同创", "德胜", "新元", "海纳", "东方", "卓越", "普惠", "联合", "晨光", "开元" }
local trades = { "信息", "智能", "投资", "商贸", "教育", "医疗", "置业", "供应", "新能", "咨询" }
local function enc(s) return (s:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)) end
-- BENCH_SEARCH_FRAGMENTS=N draws from the first N fragments only (default all 300): with
-- few fragments nearly every total comes from the count cache.
local fragments = {}
for _, b in ipairs(brands) do for _, t in ipairs(trades) do fragments[#fragments + 1] = b .. t end end
function init(args)
  math.randomseed(os.time() * 100 + (tid or 0))
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
  sort = os.getenv("BENCH_SEARCH_SORT") or "-updated_at"
  drawn = math.min(tonumber(os.getenv("BENCH_SEARCH_FRAGMENTS") or "") or #fragments, #fragments)
end
request = function()
  local q = fragments[math.random(1, drawn)]
  return wrk.format("GET", "/api/v1/customers?q=" .. enc(q) .. "&sort=" .. sort .. "&page_size=20")
end
