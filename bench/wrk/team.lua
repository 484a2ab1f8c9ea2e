-- The team's list a manager opens: every potential customer they may see, newest first,
-- 20 a page (no owner picked, so a department manager's scope filters each row).
function init(args)
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
end
request = function()
  return wrk.format("GET", "/api/v1/customers?pool=potential&sort=-updated_at&page_size=20")
end
