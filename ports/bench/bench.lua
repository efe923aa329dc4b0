-- A CPU benchmark for lua: calls, loops, strings, tables.  Prints its
-- own wall time (os.clock: CPU time on Linux, elapsed time on our OS;
-- the same for a single busy thread).
local t0 = os.clock()
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local f = fib(27)
local s = 0
for i = 1, 5000000 do s = s + (i % 7) * 3 end
local parts = {}
for i = 1, 100000 do parts[#parts + 1] = string.format("%d:%s", i, ("x"):rep(i % 10)) end
local str = table.concat(parts, ",")
local n = select(2, str:gsub("%d+:x+", ""))
local t = {}
for i = 1, 200000 do t[i] = (i * 7919) % 200003 end
table.sort(t)
local m = {}
for i = 1, 100000 do m["k" .. i] = i end
local c = 0
for k, v in pairs(m) do c = c + v end
print(string.format("lua-bench: %.3f s (%d %d %d %d %d)", os.clock() - t0, f, s, n, t[1], c))
