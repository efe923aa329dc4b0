-- Closures, upvalues, varargs, recursion, goto, integer/float arithmetic.
local function counter()
	local n = 0
	return function() n = n + 1; return n end
end
local c1, c2 = counter(), counter()
c1(); c1()
print(c1(), c2())
local fns = {}
for i = 1, 3 do fns[i] = function() return i * 10 end end
print(fns[1](), fns[2](), fns[3]())
local function shared()
	local v = 0
	return function() v = v + 1 return v end, function() return v end
end
local inc, get = shared()
inc(); inc()
print(get())
local function va(...)
	local n = select("#", ...)
	return n, select(2, ...)
end
print(va(1, nil, 3))
print((va(1, 2, 3)))
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(25))
local function fact(n, acc) if n == 0 then return acc end return fact(n - 1, acc * n) end
print(fact(20, 1), fact(25, 1), fact(30, 1.0))
do
	local i = 1
	::top::
	if i < 5 then i = i * 2; goto top end
	print("goto", i)
end
print(7 // 2, 7 / 2, -7 // 2, -7 % 3, 7 % -3, 2^10, 10 // 0.0, -10 % math.huge)
print(math.maxinteger + 1 == math.mininteger, math.maxinteger // -1, 1 << 62, 1 << 64, -1 >> 1)
print(3 | 5, 3 & 5, 3 ~ 5, ~0, "10" + 5, "3.5" * 2, 10 .. 20)
print(math.type(1), math.type(1.0), math.type("1"), 1 == 1.0, math.tointeger(3.0), 2^53 + 1)
print(tonumber("0x10"), tonumber("1e5"), tonumber("  12  "), tonumber("z", 36), tonumber("12a"), tonumber("7", 8))
print(string.rep("ab", 3, "-"), ("x"):rep(0), #("abc" .. 123))
