-- Errors: pcall, error with tables and levels, xpcall with a handler,
-- assert, error messages from the runtime, to-be-closed variables.
print(pcall(function() return 1, 2 end))
print(pcall(error))
print(pcall(error, "plain", 0))
print(select("#", pcall(error, {code = 42})), select(2, pcall(error, {code = 42})).code)
local ok, e = pcall(error, setmetatable({}, {__tostring = function() return "custom" end}))
print(ok, tostring(e))
local function lvl() error("from lvl", 2) end
ok, e = pcall(function() lvl() end)
print(ok, (e:gsub("^.-:(%d+):", "FILE:%1:")))
print(xpcall(function() error("boom") end, function(m) return "handled: " .. m:gsub("^.-:%d+: ", "") end))
print(xpcall(function(a, b) return a + b end, print, 3, 4))
print(pcall(assert, false, "assert message"))
print(pcall(assert, nil))
print(pcall(assert, 1, 2))
local function msg(f) local _, m = pcall(f); return (tostring(m):gsub("^.-:%d+: ", "")) end
print(msg(function() return 1 + {} end))
print(msg(function() return #nil end))
print(msg(function() local t = nil; return t.x end))
print(msg(function() return ("x") < 1 end))
print(msg(function() return 1 // 0 end))
print(msg(function() undefinedfunction() end))
print(msg(function() return math.floor("a") end))
print(msg(function() string.rep() end))
print(msg(function() setmetatable(1, {}) end))
-- Nested pcall, errors through coroutines, error in __index.
print(pcall(pcall, error, "x"))
local co = coroutine.wrap(function() error({1, 2, 3}) end)
ok, e = pcall(co)
print(ok, type(e), #e)
local t = setmetatable({}, {__index = function(_, k) error("no field " .. k, 0) end})
print(pcall(function() return t.missing end))
-- to-be-closed variables run their __close in order, also on error.
local order = {}
local function closer(name) return setmetatable({}, {__close = function(_, err) order[#order + 1] = name .. (err and ":err" or "") end}) end
do
	local a <close> = closer("a")
	local b <close> = closer("b")
end
pcall(function()
	local c <close> = closer("c")
	error("x")
end)
print(table.concat(order, " "))
-- Stack overflow is an error, not a crash.
local function deep(n) return deep(n + 1) + 1 end
ok, e = pcall(deep, 1)
print(ok, (tostring(e):match("stack overflow")))
-- load: syntax errors and environments.
print(load("return 1 +"))
print(load("return x * 2", "chunk", "t", {x = 21})())
print(pcall(load("error('in chunk')", "=mychunk")))
print(select("#", load("syntax error here")))
