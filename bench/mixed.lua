-- Readers for bench/mixed.py, which writes `paths` and `cumulative` above
-- this: each request asks for a page drawn by its share of reads, and the
-- page cache's answer (X-Page-Cache) is counted.
wrk.headers["Accept-Encoding"] = "gzip"
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  hit, stale, miss, other = 0, 0, 0, 0
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  local draw, low, high = math.random(), 1, #cumulative
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cumulative[middle] < draw then low = middle + 1 else high = middle end
  end
  return wrk.format(nil, paths[low])
end

function response(status, headers, body)
  local answer = headers["X-Page-Cache"]
  if answer == "hit" then hit = hit + 1
  elseif answer == "stale" then stale = stale + 1
  elseif answer == "miss" then miss = miss + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local totals = {hit = 0, stale = 0, miss = 0, other = 0}
  for _, thread in ipairs(threads) do
    for name in pairs(totals) do totals[name] = totals[name] + thread:get(name) end
  end
  io.write(string.format("PAGECACHE hit=%d stale=%d miss=%d other=%d\n",
    totals.hit, totals.stale, totals.miss, totals.other))
end
