-- POST /api/v1/customers: unique name and e-mail per request, so each passes the
-- duplicate check (which queries name, phone and e-mail) and writes an audit entry.
-- run.sh deletes the customers of earlier runs first, so phones never repeat.
local n = 0
function setup(thread) n = n + 1; thread:set("tid", n) end
local run, count = 0, 0
function init(args)
  math.randomseed(os.time() * 100 + (tid or 0))
  run = math.random(1, 1000000000)
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
  wrk.headers["Content-Type"] = "application/json"
end
request = function()
  count = count + 1
  local key = run .. "-" .. (tid or 0) .. "-" .. count
  local body = '{"name":"压测客户-' .. key .. '","kind":"company","industry":"it","phone":"+86 13' .. (tid or 0) .. string.format("%08d", count) ..
    '","email":"wrk-' .. key .. '@example.com"}'
  return wrk.format("POST", "/api/v1/customers", nil, body)
end
