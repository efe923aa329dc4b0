/* libc_float: printf's float formatting is exact (glibc's strings) and
 * strtod/strtof are correctly rounded: a table of hard cases (expected
 * bits from glibc), and thousands of random doubles printed with %.17g
 * (and %a) that must parse back bit-identical.  (libc/tests/float_glibc
 * compares the same code with glibc on a million and a half cases on
 * the host.) */
#define NAME "libc_float"
#include <errno.h>
#include <stdint.h>

#include "check.h"

static char out[512];

static const char *fmt(const char *f, double v)
{
	snprintf(out, sizeof(out), f, v);
	return out;
}

static uint64_t bits_of(double d)
{
	uint64_t b;

	memcpy(&b, &d, sizeof(b));
	return b;
}

static uint64_t state = 0x2545f4914f6cdd1dULL;

static uint64_t rnd(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 2685821657736338717ULL;
}

static void test_printf(void)
{
	volatile double a = 0.1, b = 0.2;

	CHECK_STR(fmt("%.17g", a + b), "0.30000000000000004");
	CHECK_STR(fmt("%g", a + b), "0.3");
	CHECK_STR(fmt("%.17g", 0.1 + 0.2), "0.30000000000000004");
	CHECK_STR(fmt("%.17g", 0.1), "0.10000000000000001");
	CHECK_STR(fmt("%.20f", 0.1), "0.10000000000000000555");
	CHECK_STR(fmt("%.0f", 0.5), "0");
	CHECK_STR(fmt("%.0f", 1.5), "2");
	CHECK_STR(fmt("%.0f", 2.5), "2");
	CHECK_STR(fmt("%.2f", 1.005), "1.00");
	CHECK_STR(fmt("%.1f", 0.25), "0.2");
	CHECK_STR(fmt("%.1f", 0.35), "0.3");
	CHECK_STR(fmt("%g", 1e-5), "1e-05");
	CHECK_STR(fmt("%g", 123456789.0), "1.23457e+08");
	CHECK_STR(fmt("%e", 1e300), "1.000000e+300");
	CHECK_STR(fmt("%.14g", 3.14159265358979), "3.1415926535898");
	CHECK_STR(fmt("%a", 1.0), "0x1p+0");
	CHECK_STR(fmt("%a", 0.1), "0x1.999999999999ap-4");
	CHECK_STR(fmt("%.3a", 1.0 / 3), "0x1.555p-2");
	CHECK_STR(fmt("%A", -2.5), "-0X1.4P+1");
	CHECK_STR(fmt("%a", 5e-324), "0x0.0000000000001p-1022");
	CHECK_STR(fmt("%.17g", 1e23), "9.9999999999999992e+22");
	CHECK_STR(fmt("%.17g", 5e-324), "4.9406564584124654e-324");
	CHECK_STR(fmt("%.17g", 1.7976931348623157e308), "1.7976931348623157e+308");
	CHECK_STR(fmt("%f", 1e22), "10000000000000000000000.000000");
	CHECK_STR(fmt("%.30f", 1.0 / 3), "0.333333333333333314829616256247");
	CHECK_STR(fmt("%.3g", 0.0001234), "0.000123");
	CHECK_STR(fmt("%#.0f", 3.0), "3.");
	CHECK_STR(fmt("%010.3f", -3.14159), "-00003.142");
	CHECK_STR(fmt("%+.3e", 0.0), "+0.000e+00");
	CHECK_STR(fmt("%.0e", 15.0), "2e+01");
	CHECK_STR(fmt("%.0e", 25.0), "2e+01");
	CHECK_STR(fmt("%.60f", 1e-50), "0.000000000000000000000000000000000000000000000000010000000000");
}

static const struct {
	const char *s;
	uint64_t bits;
	int end, erange;
} hard[] = {
	{ "0.1", 0x3fb999999999999aULL, 3, 0 },
	{ "1e23", 0x44b52d02c7e14af6ULL, 4, 0 },
	{ "8.5e-323", 0x0000000000000011ULL, 8, 1 },
	{ "2.2250738585072011e-308", 0x000fffffffffffffULL, 23, 1 },
	{ "2.2250738585072012e-308", 0x0010000000000000ULL, 23, 1 },
	{ "4.9406564584124654e-324", 0x0000000000000001ULL, 23, 1 },
	{ "2.4703282292062327e-324", 0x0000000000000000ULL, 23, 1 },
	{ "2.4703282292062328e-324", 0x0000000000000001ULL, 23, 1 },
	{ "1.7976931348623157e308", 0x7fefffffffffffffULL, 22, 0 },
	{ "1.7976931348623158e308", 0x7fefffffffffffffULL, 22, 0 },
	{ "1.7976931348623159e308", 0x7ff0000000000000ULL, 22, 1 },
	{ "9007199254740993", 0x4340000000000000ULL, 16, 0 },
	{ "9007199254740993.0000000000000000000000001", 0x4340000000000001ULL, 42, 0 },
	{ "9007199254740995", 0x4340000000000002ULL, 16, 0 },
	{ "1e-400", 0x0000000000000000ULL, 6, 1 },
	{ "1e400", 0x7ff0000000000000ULL, 5, 1 },
	{ "123456789012345678901234567890", 0x45f8ee90ff6c373eULL, 30, 0 },
	{ "3.14159265358979323846264338327950288", 0x400921fb54442d18ULL, 37, 0 },
	{ "0x1.8p1", 0x4008000000000000ULL, 7, 0 },
	{ "0x1p-1074", 0x0000000000000001ULL, 9, 0 },
	{ "0x1.00000000000008p0", 0x3ff0000000000000ULL, 20, 0 },
	{ "0x1.000000000000080000001p0", 0x3ff0000000000001ULL, 27, 0 },
	{ "-0.0", 0x8000000000000000ULL, 4, 0 },
	{ "7.038531e-26", 0x3ab5c87fb0000000ULL, 12, 0 },
	{ "1.00000000000000011102230246251565404236316680908203125", 0x3ff0000000000000ULL, 55, 0 },
	{ "1.00000000000000011102230246251565404236316680908203124", 0x3ff0000000000000ULL, 55, 0 },
	{ "1.00000000000000011102230246251565404236316680908203126", 0x3ff0000000000001ULL, 55, 0 },
	{ "5e-324", 0x0000000000000001ULL, 6, 1 },
	{ "0.000001", 0x3eb0c6f7a0b5ed8dULL, 8, 0 },
	{ "6.02214076e23", 0x44dfe185ca57c517ULL, 13, 0 },
	{ "  -2.5e-3x", 0xbf647ae147ae147bULL, 9, 0 },
};

static void test_strtod_table(void)
{
	size_t i;

	for (i = 0; i < sizeof(hard) / sizeof(hard[0]); i++) {
		char *end;
		double d;
		errno = 0;
		d = strtod(hard[i].s, &end);
		if (bits_of(d) != hard[i].bits || end - hard[i].s != hard[i].end ||
		    (errno == ERANGE) != hard[i].erange)
			printf("%s: strtod(\"%s\") = %a end+%d errno %d\n", NAME, hard[i].s, d,
			    (int)(end - hard[i].s), errno);
		CHECK(bits_of(d) == hard[i].bits);
		CHECK_INT(end - hard[i].s, hard[i].end);
		CHECK_INT(errno == ERANGE, hard[i].erange);
	}
	CHECK(strtof("3.4028235677973366e38", NULL) == 3.4028234663852886e38f);
	CHECK(strtof("1.00000005960464477539062500", NULL) == 1.0f);
	CHECK(strtof("1.00000005960464477539062501", NULL) == 1.00000011920928955078125f);
	CHECK(strtof("0.1", NULL) == 0.1f);
}

static void test_round_trip(void)
{
	char buf[64];
	int i, bad17 = 0, bada = 0, badf = 0;

	for (i = 0; i < 4000; i++) {
		uint64_t r = rnd();
		double v, back;
		float fv, fback;
		memcpy(&v, &r, sizeof(v));
		if (v != v || v - v != 0)
			continue;	/* NaN or infinity */
		snprintf(buf, sizeof(buf), "%.17g", v);
		back = strtod(buf, NULL);
		if (bits_of(back) != r) {
			if (bad17++ < 5)
				printf("%s: %%.17g %s parses to %a, not %a\n", NAME, buf, back, v);
		}
		snprintf(buf, sizeof(buf), "%a", v);
		if (bits_of(strtod(buf, NULL)) != r)
			bada++;
		fv = (float)v;
		if (fv - fv == 0) {
			snprintf(buf, sizeof(buf), "%.9g", (double)fv);
			fback = strtof(buf, NULL);
			if (memcmp(&fback, &fv, sizeof(fv)) != 0)
				badf++;
		}
	}
	CHECK_INT(bad17, 0);
	CHECK_INT(bada, 0);
	CHECK_INT(badf, 0);
}

int main(void)
{
	test_printf();
	test_strtod_table();
	test_round_trip();
	return finish();
}
