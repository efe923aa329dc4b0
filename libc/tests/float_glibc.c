/*
 * float_glibc - our printf float formatting (src/stdio/vformat.c with
 * src/fpconv/big.c) and strtod/strtof (src/stdlib/strtod.c), built
 * against our headers and renamed our_*, against glibc's on random and
 * hard inputs.  Prints each difference (the first 20) and a summary.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int our_snprintf(char *buf, size_t n, const char *fmt, ...);
double our_strtod(const char *s, char **end);
float our_strtof(const char *s, char **end);

static int diffs, cases;
static uint64_t state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	/* xorshift64*: reproducible across runs */
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 2685821657736338717ULL;
}

static double as_double(uint64_t b)
{
	double d;
	memcpy(&d, &b, sizeof(d));
	return d;
}

static uint64_t bits_of(double d)
{
	uint64_t b;
	memcpy(&b, &d, sizeof(b));
	return b;
}

static void report(const char *what, const char *in, const char *want, const char *got)
{
	diffs++;
	if (diffs <= 20)
		printf("float_glibc: %s %s: glibc \"%s\", ours \"%s\"\n", what, in, want, got);
}

/* A double from one of several families that stress formatting. */
static double sample(void)
{
	uint64_t r = rnd();
	double m;

	switch (r % 8) {
	case 0: case 1:		/* any finite bit pattern */
		do
			m = as_double(rnd());
		while (!isfinite(m));
		return m;
	case 2:			/* short decimals: k / 10^j */
		return (double)(int64_t)(rnd() % 2000001 - 1000000) / pow(10, (double)(rnd() % 12));
	case 3:			/* ties at some decimal place: n + 0.5, n/8 */
		return (double)(rnd() % 100000) / ((r >> 8) % 2 ? 2 : 8);
	case 4:			/* integers */
		return (double)(rnd() >> (rnd() % 64));
	case 5:			/* near powers of ten */
		m = pow(10, (double)((int)(rnd() % 600) - 300));
		return (r >> 8) % 3 == 0 ? nextafter(m, 0) : (r >> 8) % 3 == 1 ? m : nextafter(m, INFINITY);
	case 6:			/* subnormals */
		return as_double(rnd() >> 12);
	default:		/* random in [0, 1) and scaled */
		return (double)(rnd() >> 11) / 9007199254740992.0 * pow(2, (double)((int)(rnd() % 120) - 60));
	}
}

/* Not %#g on random values: when rounding carries into a new exponent
 * glibc drops the zeros '#' must keep ("1.e+06" for 999999.99999, where
 * C asks for "1.00000e+06", which we print). */
static const char *const fmts[] = {
	"%.17g", "%.16g", "%.15g", "%g", "%.0f", "%.1f", "%.3f", "%f", "%.20f", "%e",
	"%.0e", "%.3e", "%.25e", "%a", "%.3a", "%.0a", "%A", "%#.0f", "%+.5g",
	"% 12.4f", "%-14.3e|", "%012.3f", "%.60f", "%#.0e", "%.1g", "%.40g",
	"%010a", "%-+20.10a|", "%.14g", "%G", "%.30e",
};

static void test_printf(int n)
{
	char want[4096], got[4096], in[40];
	size_t f;
	int i, wl, gl;

	for (i = 0; i < n; i++) {
		double v = sample();
		if (rnd() & 1)
			v = -v;
		for (f = 0; f < sizeof(fmts) / sizeof(fmts[0]); f++) {
			if (strcmp(fmts[f], "%.60f") == 0 && fabs(v) > 1e60)
				continue;
			cases++;
			wl = snprintf(want, sizeof(want), fmts[f], v);
			gl = our_snprintf(got, sizeof(got), fmts[f], v);
			if (wl != gl || strcmp(want, got) != 0) {
				snprintf(in, sizeof(in), "%s of %a", fmts[f], v);
				report("printf", in, want, got);
			}
		}
	}
	/* special values and long precisions */
	{
		static const double sp[] = { 0.0, -0.0, INFINITY, -INFINITY, 0.5, 1.5, 2.5,
			0.125, 1e-320, DBL_MAX, DBL_MIN, 4.9406564584124654e-324, 0.1, 1e23 };
		static const char *const sf[] = { "%f", "%e", "%g", "%a", "%.0f", "%.0e", "%.1000f",
			"%.800e", "%5.1f", "%-8g|", "%+08.2f", "%.2f", "%#g", "%#.3g", "%#.0a",
			"%.1200f", "%.1150e", "%#.1300g", "%.1300g", "%.1120a", "%01220.1110f" };
		size_t a, b;
		for (a = 0; a < sizeof(sp) / sizeof(sp[0]); a++)
			for (b = 0; b < sizeof(sf) / sizeof(sf[0]); b++) {
				cases++;
				snprintf(want, sizeof(want), sf[b], sp[a]);
				our_snprintf(got, sizeof(got), sf[b], sp[a]);
				if (strcmp(want, got) != 0) {
					snprintf(in, sizeof(in), "%s of %a", sf[b], sp[a]);
					report("printf", in, want, got);
				}
			}
		cases++;
		snprintf(want, sizeof(want), "%f|%F|%e|%g", NAN, -NAN, -INFINITY, INFINITY);
		our_snprintf(got, sizeof(got), "%f|%F|%e|%g", NAN, -NAN, -INFINITY, INFINITY);
		if (strcmp(want, got) != 0)
			report("printf", "nan/inf", want, got);
	}
}

static void cmp_strtod(const char *s)
{
	char *we, *ge, wb[64], gb[64];
	double w, g;
	float wf, gf;
	int werr, gerr;

	cases++;
	errno = 0;
	w = strtod(s, &we);
	werr = errno;
	errno = 0;
	g = our_strtod(s, &ge);
	gerr = errno;
	if (bits_of(w) != bits_of(g) || we != ge || (werr == ERANGE) != (gerr == ERANGE)) {
		if (!(isnan(w) && isnan(g) && we == ge)) {
			snprintf(wb, sizeof(wb), "%a end+%d%s", w, (int)(we - s), werr ? " ERANGE" : "");
			snprintf(gb, sizeof(gb), "%a end+%d%s", g, (int)(ge - s), gerr ? " ERANGE" : "");
			report("strtod", s, wb, gb);
		}
	}
	cases++;
	errno = 0;
	wf = strtof(s, &we);
	werr = errno;
	errno = 0;
	gf = our_strtof(s, &ge);
	gerr = errno;
	if (memcmp(&wf, &gf, sizeof(wf)) != 0 || we != ge || (werr == ERANGE) != (gerr == ERANGE)) {
		if (!(isnan(wf) && isnan(gf) && we == ge)) {
			snprintf(wb, sizeof(wb), "%a end+%d%s", wf, (int)(we - s), werr ? " ERANGE" : "");
			snprintf(gb, sizeof(gb), "%a end+%d%s", gf, (int)(ge - s), gerr ? " ERANGE" : "");
			report("strtof", s, wb, gb);
		}
	}
}

static const char *const hard[] = {
	"0.1", "0.2", "0.3", "1e23", "8.5e-323", "2.2250738585072011e-308",
	"2.2250738585072012e-308", "2.2250738585072014e-308", "4.9406564584124654e-324",
	"2.4703282292062327e-324", "2.4703282292062328e-324", "2.47032822920623272e-324",
	"1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
	"1.797693134862315807937289714053e308", "1.797693134862315807937289714054e308",
	"9007199254740993", "9007199254740993.0000000000000000000000001", "9007199254740995",
	"9007199254740992.9999999999999999999", "1e-400", "1e400", "-0", "-0.0e5", "0e999999",
	"123456789012345678901234567890", "3.14159265358979323846264338327950288",
	"7.038531e-26", "1.00000005960464477539062499", "1.00000005960464477539062500",
	"1.00000005960464477539062501", "3.4028235677973366e38", "3.4028235677973367e38",
	"1.4012984643248171e-45", "7.0064923216240854e-46", "7.0064923216240862e-46",
	"0x1.8p1", "0X1P-1074", "0x1p-1075", "0x1.0000000000001p0", "0x1.00000000000008p0",
	"0x1.000000000000080000001p0", "0x1.00000000000018p0", "0x.8p1", "0x", "0xg", "0x1p",
	"0x1p+", "1e", "1e+", ".5", "5.", ".", "+.e1", "  \t-12.5e-1xyz", "inf", "-Infinity",
	"infin", "nan", "NaN(123)", "nan(", "1.5e00000000000000000000000000000000000003",
	"0.000000000000000000000000000000000000000000000000000000000000001e63",
	"2.225073858507201136057409796709131975934819546351645648023426109724822222021076945516529523908135087914149158913039621106870086438694594645527657207407820621743379988141063267329253552286881372149012981122451451889849057222307285255133155755015914397476397983411801999323962548289017107081850690630666655994938275772572015763062690663332647565300009245888316433037779791869612049497390377829704905051080609940730262937128958950003583799967207254304360284078895771796150945516748243471030702609144621572289880258182545180325707018860872113128079512233426288368622321503775666622503982534335974568884423900265498198385487948292206894721689831099698365846814022854243330660339850886445804001034933970427567186443383770486037861622771738545623065874679014086723327636718751e-308",
	"2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324",
	"2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125000000000000000000000000000000000001e-324",
};

static void test_strtod(int n)
{
	char s[128];
	size_t h;
	int i, k, len;

	for (h = 0; h < sizeof(hard) / sizeof(hard[0]); h++)
		cmp_strtod(hard[h]);
	for (i = 0; i < n; i++) {
		double v = sample();
		static const char *const f[] = { "%.17g", "%.16g", "%.25e", "%.40g", "%a", "%.3a", "%.9g" };
		snprintf(s, sizeof(s), f[rnd() % 7], v);
		cmp_strtod(s);
		/* random digit strings with random exponents */
		len = 1 + (int)(rnd() % 40);
		for (k = 0; k < len; k++)
			s[k] = (char)('0' + rnd() % 10);
		if (rnd() & 1) {
			int dot = (int)(rnd() % (unsigned)len);
			memmove(s + dot + 1, s + dot, (size_t)(len - dot));
			s[dot] = '.';
			len++;
		}
		snprintf(s + len, sizeof(s) - (size_t)len, "e%d", (int)(rnd() % 700) - 360);
		cmp_strtod(s);
	}
}

int main(void)
{
	test_printf(20000);
	test_strtod(200000);
	if (diffs) {
		printf("float_glibc: %d of %d cases differ from glibc\n", diffs, cases);
		return 1;
	}
	printf("float_glibc: all %d cases agree with glibc\n", cases);
	return 0;
}
