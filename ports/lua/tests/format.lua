-- Floats: tostring (%.14g), string.format's %f %e %g and precisions,
-- rounding of halves, big and small magnitudes, parsing.
local xs = {0.1, 0.5, 1/3, 2/3, 1e-5, 123456.789, 1e15, 1e16, 2^53, 1e100,
	-0.0, 3.14159265358979, 6.02214076e23, 1.7976931348623157e308,
	2.2250738585072014e-308, 5e-324, 0.1 + 0.2, 100, 1e21, 123e-20}
for _, x in ipairs(xs) do
	print(x, string.format("%.3f|%e|%g|%.17g|%.0f|%10.2e", x, x, x, x, x, x))
end
for _, x in ipairs({0.125, 0.375, 2.5, 3.5, -2.5, 1.005, 2.675, 0.045}) do
	print(string.format("%.2f %.1f %.0f", x, x, x))
end
print(math.huge, -math.huge, string.format("%f %e %g", math.huge, -math.huge, math.huge))
print(string.format("%5.1f|%-8.3f|%+.2f|% .3e|%#.0f|%08.3f", 3.14159, 2.5, 1.5, 12345.678, 3.0, -3.14159))
print(string.format("%.10g %.20g %.3g %g %g", 1/3, 0.1, 1234567, 1e-4, 1e-5))
print(tonumber("0.1") == 0.1, tonumber("1e-310"), tonumber("0x1p-2"), tonumber("0x.8"), tonumber("1e400"), tonumber(".5"), tonumber("5."))
print(3.0, -3.0, 1e300 * 1e10, 2^63, -2^63, math.tointeger(-2^63), 2^-1074)
print(string.format("%.14g", 9007199254740993), 9007199254740993, 0.1 * 3, 1 - 0.9)
local s = 0
for i = 1, 1000 do s = s + 1 / i end
print(s, string.format("%.15f", s))
print(string.format("%d", 3.0), pcall(string.format, "%d", 3.5))
print(8 % 3.5, -8 % 3.5, 2^0.5, 10 / 3, 1e308 * 10 == math.huge)
