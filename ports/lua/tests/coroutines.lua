-- Coroutines: generators, passing values both ways, status, wrap, errors.
local function gen(n)
	return coroutine.wrap(function()
		for i = 1, n do coroutine.yield(i) end
	end)
end
local s = 0
for v in gen(100) do s = s + v end
print(s)
local co = coroutine.create(function(a, b)
	print("start", a, b)
	local c = coroutine.yield(a + b)
	print("got", c)
	local d, e = coroutine.yield(c * 2)
	print("got", d, e)
	return "done", d + e
end)
print(coroutine.status(co))
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.status(co))
print(coroutine.resume(co))
local bad = coroutine.create(function() error("inside") end)
local ok, msg = coroutine.resume(bad)
print(ok, (msg:gsub("^.-:%d+: ", "")))
print(coroutine.isyieldable(), type(coroutine.running()), select(2, coroutine.running()))
-- Producer/consumer with a filter in between.
local function producer()
	return coroutine.create(function()
		for _, w in ipairs({"one", "two", "three", "four"}) do coroutine.yield(w) end
	end)
end
local function filter(p)
	return coroutine.create(function()
		while true do
			local _, w = coroutine.resume(p)
			if not w then return end
			if #w > 3 then coroutine.yield(w:upper()) end
		end
	end)
end
local f = filter(producer())
while true do
	local _, w = coroutine.resume(f)
	if not w then break end
	print(w)
end
-- Many coroutines alive at once.
local cos = {}
for i = 1, 1000 do cos[i] = coroutine.wrap(function() local x = i; while true do x = x + coroutine.yield(x) end end) end
local total = 0
for i = 1, 1000 do total = total + cos[i]() end
for i = 1, 1000 do total = total + cos[i](1) end
print(total)
local co2 = coroutine.wrap(function(...) local t = {...}; coroutine.yield(#t); return "end" end)
print(co2(1, 2, 3), co2())
print(pcall(co2))
