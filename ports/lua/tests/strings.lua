-- Strings: patterns, captures, gsub with functions and tables, byte/char, utf8.
local s = "The quick brown fox jumps over the lazy dog"
print(s:len(), s:upper(), s:lower():sub(5, 9), s:sub(-3), s:sub(100))
print(s:find("fox"), s:find("o", 20), s:find("%s(%a+)%s"), s:find(".", 1, true))
print(s:match("(%a+) (%a+)$"), s:match("q(%w*)"), s:match("%d"))
for w in s:gmatch("%a+") do io.write(w:sub(1, 1)) end
print()
print(s:gsub("o", "0"))
print(s:gsub("(%w+)", "<%1>", 3))
print(("hello world"):gsub("%w+", {hello = "HI", world = false}))
print(("abc"):gsub("", "-"))
print(("x = 1, y = 22, z = 333"):gsub("(%w+) = (%d+)", function(k, v) return v .. "=" .. k end))
print(string.match("key=value; other=thing", "(%w+)=(%w+)"))
print(string.match("  trim me  ", "^%s*(.-)%s*$") .. "|")
print(string.match("2024-03-15", "(%d+)-(%d+)-(%d+)"))
print(string.find("a+b", "+", 1, true), string.find("a.b", "%."), string.match("[tag]", "%[(.-)%]"))
print(string.match("f(a(b)c)d", "%b()"), string.match("THE (quick) fox", "%f[%a]%a+"), string.gsub("THE (quick) fox", "%f[%w]%w+", "W"))
print(("%d"):rep(3, ","), string.format("%q", 'a "quoted"\n\0 string'))
print(string.byte("ABC", 1, -1), string.char(72, 105), ("\65\066\x43\u{48}"))
print(utf8.char(72, 228, 8364, 128512), utf8.len("häh€"), #"häh€")
for p, c in utf8.codes("aé€") do io.write(p, ":", c, " ") end
print()
print(utf8.codepoint("héllo", 1, -1))
print(("test"):reverse(), ("%a"):format(1) == nil, tostring(nil), tostring(true))
local parts = {}
for field in ("a,b,,c"):gmatch("([^,]*)") do parts[#parts + 1] = "[" .. field .. "]" end
print(table.concat(parts))
print(pcall(string.rep, "x", -1), select("#", string.byte("")))
print(string.format("%-5s|%5s|%.2s", "ab", "cd", "xyz"), string.format("%5d|%-5d|%05d|%x|%X|%o", 42, 42, 42, 255, 255, 8))
print(string.format("%c%c%c", 76, 117, 97), string.format("%10.4s|", "abcdefg"), string.format("%%"))
