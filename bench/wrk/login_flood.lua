-- POST /api/v1/auth/login with wrong passwords for made-up names, each request from a new
-- address (X-Forwarded-For; the server trusts it in this benchmark): a distributed guessing
-- flood, the worst case for the per-address back-off.
local n = 0
function setup(thread) n = n + 1; thread:set("tid", n) end
local pause = tonumber(os.getenv("FLOOD_DELAY_MS") or "0")
function init(args)
  math.randomseed(os.time() * 100 + (tid or 0))
  wrk.headers["Content-Type"] = "application/json"
end
-- With FLOOD_DELAY_MS each connection waits that long between attempts: a flood of a given
-- rate rather than as fast as one machine can send.
function delay() return pause end
request = function()
  local ip = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  local body = string.format('{"username":"guess%d","password":"wrong-%d"}', math.random(1, 1000000), math.random(1, 1000000))
  return wrk.format("POST", "/api/v1/auth/login", { ["X-Forwarded-For"] = ip, ["Content-Type"] = "application/json" }, body)
end
