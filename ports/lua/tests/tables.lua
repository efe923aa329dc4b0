-- Tables: arrays, hashes (printed in sorted order: pairs' order is not
-- fixed), table library, metatables.
local t = {}
for i = 1, 10 do t[i] = i * i end
print(#t, t[1], t[10], table.concat(t, ","))
table.insert(t, 1, 0)
table.insert(t, 121)
print(#t, table.remove(t), table.remove(t, 1), #t)
print(table.concat({table.unpack({1, 2, 3, 4}, 2, 3)}, " "))
local p = table.pack(1, nil, 3)
print(p.n, p[1], p[2], p[3])

local h = {apple = 3, pear = 5, fig = 7, [10] = "ten", [2.5] = "float"}
local keys = {}
for k in pairs(h) do keys[#keys + 1] = tostring(k) end
table.sort(keys)
print(table.concat(keys, " "))

local words = {"delta", "alpha", "charlie", "bravo", "echo"}
table.sort(words)
print(table.concat(words, " "))
table.sort(words, function(a, b) return #a < #b or (#a == #b and a > b) end)
print(table.concat(words, " "))
print(table.concat(table.move({1, 2, 3, 4, 5}, 2, 4, 1), " "))

-- Metatables: arithmetic, indexing, calls, equality, __len, __tostring.
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({x = a.x + b.x, y = a.y + b.y}, V) end
V.__eq = function(a, b) return a.x == b.x and a.y == b.y end
V.__tostring = function(v) return "(" .. v.x .. ", " .. v.y .. ")" end
V.__len = function(v) return math.sqrt(v.x * v.x + v.y * v.y) end
V.__call = function(v, k) return v.x * k end
function V.new(x, y) return setmetatable({x = x, y = y}, V) end
function V:scale(k) return V.new(self.x * k, self.y * k) end
local a, b = V.new(1, 2), V.new(3, 4)
print(tostring(a + b), a + b == V.new(4, 6), #b, a(10), tostring(b:scale(2)))
local defaults = setmetatable({}, {__index = function(_, k) return k .. "?" end})
print(defaults.foo, rawget(defaults, "foo"))
local log = {}
local proxy = setmetatable({}, {__newindex = function(t2, k, v) log[#log + 1] = k; rawset(t2, k, v) end})
proxy.a = 1; proxy.b = 2; proxy.a = 3
print(table.concat(log, ","), proxy.a)
-- A big table: growth and rehash.
local big = {}
for i = 1, 100000 do big[i] = i end
for i = 1, 100000, 2 do big[i] = nil end
local n, s = 0, 0
for _, v in pairs(big) do n = n + 1; s = s + v end
print(n, s)
local set = {}
for i = 1, 5000 do set["k" .. i] = i end
local c = 0
for _ in pairs(set) do c = c + 1 end
print(c, set.k4999, next({}))
