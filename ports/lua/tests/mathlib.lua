-- The math library.
print(math.pi, math.sqrt(2), math.sqrt(1e10), math.abs(-3), math.abs(-3.5))
print(math.floor(3.7), math.floor(-3.7), math.ceil(3.2), math.ceil(-3.2), math.floor(2^60 + 0.0))
print(math.max(3, 7.5, -1), math.min(3, 7.5, -1), math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7.5, 2))
print(math.modf(3.7), math.modf(-3.7), math.modf(5), math.modf(math.huge))
print(math.exp(0), math.exp(1), math.log(1), math.log(100, 10), math.log(8, 2), math.log(2.718281828459045))
print(math.sin(0), math.cos(0), math.sin(math.pi / 6), math.cos(math.pi / 3), math.tan(math.pi / 4))
print(math.asin(1), math.acos(0), math.atan(1), math.atan(1, 2), math.atan(-1, -1))
print(math.ult(1, -1), math.tointeger("8"), math.tointeger(8.5), math.type(2^31))
print(string.format("%.12f %.12f %.12f", math.sin(1), math.cos(1), math.exp(-1)))
print(string.format("%.12f %.12f %.12f", math.log(10), math.sqrt(3), 2^0.5))
math.randomseed(42)
local r = {}
for i = 1, 5 do r[i] = math.random(1, 100) end
print(table.concat(r, " "))
print(math.random(7, 7), math.random(1) , math.random(0) ~= nil)
local f = math.random()
print(f >= 0 and f < 1)
math.randomseed(42)
print(math.random(1, 100) == r[1])
local ok = pcall(math.random, 2, 1)
print(ok)
local acc = 0
for i = 1, 100000 do acc = acc + math.sin(i) * math.cos(i) end
print(string.format("%.6f", acc))
