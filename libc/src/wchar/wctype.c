/*
 * wctype.c - wide-character classes, case mapping and display width.
 *
 * ASCII is exact.  Beyond it the tables are deliberately small: letters
 * are the main alphabetic blocks (Latin, Greek, Cyrillic, Armenian,
 * Hebrew, Arabic, Devanagari, Thai, Hangul, kana, CJK); case mapping
 * covers Latin-1, Latin Extended-A, Greek and Cyrillic; wcwidth knows the
 * combining marks (0 columns) and the East Asian wide blocks (2).  Other
 * printable characters are punctuation, as glibc classifies symbols.
 */
#include <wctype.h>
#include <wchar.h>
#include <string.h>

struct range {
	unsigned lo, hi;
};

static int in(const struct range *r, size_t n, unsigned c)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {	/* the tables are sorted and disjoint */
		size_t mid = (lo + hi) / 2;
		if (c < r[mid].lo)
			hi = mid;
		else if (c > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}
#define IN(t, c) in((t), sizeof(t) / sizeof((t)[0]), (c))

static const struct range letters[] = {
	{ 0xaa, 0xaa }, { 0xb5, 0xb5 }, { 0xba, 0xba },
	{ 0xc0, 0xd6 }, { 0xd8, 0xf6 }, { 0xf8, 0x2c1 }, { 0x2c6, 0x2d1 },
	{ 0x2e0, 0x2e4 }, { 0x370, 0x374 }, { 0x376, 0x377 }, { 0x37a, 0x37d },
	{ 0x37f, 0x37f }, { 0x386, 0x386 }, { 0x388, 0x38a }, { 0x38c, 0x38c },
	{ 0x38e, 0x3a1 }, { 0x3a3, 0x3f5 }, { 0x3f7, 0x481 }, { 0x48a, 0x52f },
	{ 0x531, 0x556 }, { 0x560, 0x588 }, { 0x5d0, 0x5ea }, { 0x5ef, 0x5f2 },
	{ 0x620, 0x64a }, { 0x66e, 0x66f }, { 0x671, 0x6d3 }, { 0x904, 0x939 },
	{ 0x93d, 0x93d }, { 0x950, 0x950 }, { 0x958, 0x961 }, { 0xe01, 0xe30 },
	{ 0xe32, 0xe33 }, { 0xe40, 0xe46 }, { 0x10a0, 0x10c5 }, { 0x10d0, 0x10fa },
	{ 0x1100, 0x11ff }, { 0x1e00, 0x1f15 }, { 0x1f18, 0x1f1d }, { 0x1f20, 0x1f45 },
	{ 0x1f48, 0x1f4d }, { 0x1f50, 0x1f7d }, { 0x1f80, 0x1fbc }, { 0x1fc2, 0x1fcc },
	{ 0x1fd0, 0x1fdb }, { 0x1fe0, 0x1fec }, { 0x1ff2, 0x1ffc },
	{ 0x3041, 0x3096 }, { 0x309d, 0x309f }, { 0x30a1, 0x30fa }, { 0x30fc, 0x30ff },
	{ 0x3105, 0x312f }, { 0x3131, 0x318e }, { 0x3400, 0x4dbf }, { 0x4e00, 0x9fff },
	{ 0xa000, 0xa48c }, { 0xac00, 0xd7a3 }, { 0xf900, 0xfa6d }, { 0xff21, 0xff3a },
	{ 0xff41, 0xff5a }, { 0xff66, 0xffbe }, { 0x20000, 0x2a6df }, { 0x2a700, 0x2ebe0 },
	{ 0x30000, 0x3134a },
};

/* Zero-width: combining marks, format characters, Hangul medial jamo. */
static const struct range zero_width[] = {
	{ 0x300, 0x36f }, { 0x483, 0x489 }, { 0x591, 0x5bd }, { 0x5bf, 0x5bf },
	{ 0x5c1, 0x5c2 }, { 0x5c4, 0x5c5 }, { 0x5c7, 0x5c7 }, { 0x610, 0x61a },
	{ 0x64b, 0x65f }, { 0x670, 0x670 }, { 0x6d6, 0x6dc }, { 0x6df, 0x6e4 },
	{ 0x900, 0x902 }, { 0x93a, 0x93a }, { 0x93c, 0x93c }, { 0x941, 0x948 },
	{ 0x94d, 0x94d }, { 0x951, 0x957 }, { 0xe31, 0xe31 }, { 0xe34, 0xe3a },
	{ 0xe47, 0xe4e }, { 0x1160, 0x11ff }, { 0x1ab0, 0x1aff }, { 0x1dc0, 0x1dff },
	{ 0x200b, 0x200f }, { 0x202a, 0x202e }, { 0x2060, 0x2064 }, { 0x20d0, 0x20f0 },
	{ 0x302a, 0x302d }, { 0x3099, 0x309a }, { 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f },
	{ 0xfeff, 0xfeff }, { 0xe0001, 0xe0001 }, { 0xe0020, 0xe007f }, { 0xe0100, 0xe01ef },
};

static const struct range wide[] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a }, { 0x23e9, 0x23ec },
	{ 0x2e80, 0x303e }, { 0x3041, 0x33ff }, { 0x3400, 0x4dbf }, { 0x4e00, 0x9fff },
	{ 0xa000, 0xa4cf }, { 0xa960, 0xa97f }, { 0xac00, 0xd7a3 }, { 0xf900, 0xfaff },
	{ 0xfe10, 0xfe19 }, { 0xfe30, 0xfe6f }, { 0xff00, 0xff60 }, { 0xffe0, 0xffe6 },
	{ 0x1f300, 0x1f64f }, { 0x1f900, 0x1f9ff }, { 0x20000, 0x2fffd }, { 0x30000, 0x3fffd },
};

static const struct range spaces[] = {
	{ 0x09, 0x0d }, { 0x20, 0x20 }, { 0x1680, 0x1680 }, { 0x2000, 0x2006 },
	{ 0x2008, 0x200a }, { 0x2028, 0x2029 }, { 0x205f, 0x205f }, { 0x3000, 0x3000 },
};

int iswcntrl(wint_t c)
{
	return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029;
}

int iswprint(wint_t c)
{
	if (c > 0x10ffff || iswcntrl(c))
		return 0;
	if ((c >= 0xd800 && c <= 0xdfff) || (c & 0xfffe) == 0xfffe)
		return 0;	/* surrogates and the noncharacters U+xFFFE/F */
	return 1;
}

int iswspace(wint_t c)
{
	return IN(spaces, c);
}

int iswblank(wint_t c)
{
	return c == ' ' || c == '\t' || (c != 0x2028 && c != 0x2029 && c > 0x7f && IN(spaces, c));
}

int iswdigit(wint_t c)
{
	return c >= '0' && c <= '9';
}

int iswxdigit(wint_t c)
{
	return iswdigit(c) || ((c | 32) >= 'a' && (c | 32) <= 'f');
}

int iswalpha(wint_t c)
{
	if (c < 0x80)
		return ((c | 32) >= 'a' && (c | 32) <= 'z');
	return IN(letters, c);
}

int iswalnum(wint_t c)
{
	return iswdigit(c) || iswalpha(c);
}

int iswgraph(wint_t c)
{
	return iswprint(c) && !iswspace(c);
}

int iswpunct(wint_t c)
{
	return iswgraph(c) && !iswalnum(c);
}

/* Latin Extended-A pairs an upper case letter with the next code point,
 * on even code points except in 0x139..0x148 and 0x179..0x17e. */
static int latin_a_upper_is_odd(wint_t c)
{
	return (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e);
}

wint_t towlower(wint_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	if ((c >= 0xc0 && c <= 0xde && c != 0xd7) || (c >= 0x391 && c <= 0x3ab && c != 0x3a2) ||
	    (c >= 0x410 && c <= 0x42f) || (c >= 0xff21 && c <= 0xff3a))
		return c + 32;
	if (c >= 0x400 && c <= 0x40f)
		return c + 80;
	if (c == 0x178)
		return 0xff;
	if (c == 0x130)
		return 'i';
	if (c >= 0x100 && c <= 0x17f && c != 0x138 && c != 0x149 && c != 0x17f && c != 0x131)
		return (c & 1) == (wint_t)latin_a_upper_is_odd(c) ? c + 1 : c;
	if ((c >= 0x460 && c <= 0x481) || (c >= 0x48a && c <= 0x4bf))
		return (c & 1) ? c : c + 1;
	return c;
}

wint_t towupper(wint_t c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z' ? c - 32 : c;
	if ((c >= 0xe0 && c <= 0xfe && c != 0xf7) || (c >= 0x3b1 && c <= 0x3cb && c != 0x3c2) ||
	    (c >= 0x430 && c <= 0x44f) || (c >= 0xff41 && c <= 0xff5a))
		return c - 32;
	if (c == 0x3c2)
		return 0x3a3;	/* final sigma */
	if (c >= 0x450 && c <= 0x45f)
		return c - 80;
	if (c == 0xff)
		return 0x178;
	if (c == 0x131)
		return 'I';
	if (c >= 0x100 && c <= 0x17f && c != 0x138 && c != 0x149 && c != 0x17f && c != 0x130)
		return (c & 1) != (wint_t)latin_a_upper_is_odd(c) ? c - 1 : c;
	if ((c >= 0x460 && c <= 0x481) || (c >= 0x48a && c <= 0x4bf))
		return (c & 1) ? c - 1 : c;
	return c;
}

int iswupper(wint_t c)
{
	return towlower(c) != c || c == 0x130;
}

int iswlower(wint_t c)
{
	return towupper(c) != c || c == 0x131 || c == 0xdf || c == 0x138;
}

static const char *const classes[] = {
	"alnum", "alpha", "blank", "cntrl", "digit", "graph",
	"lower", "print", "punct", "space", "upper", "xdigit",
};

wctype_t wctype(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (strcmp(name, classes[i]) == 0)
			return i + 1;
	return 0;
}

int iswctype(wint_t c, wctype_t t)
{
	static int (*const fn[])(wint_t) = {
		iswalnum, iswalpha, iswblank, iswcntrl, iswdigit, iswgraph,
		iswlower, iswprint, iswpunct, iswspace, iswupper, iswxdigit,
	};

	if (t == 0 || t > sizeof(fn) / sizeof(fn[0]))
		return 0;
	return fn[t - 1](c) != 0;
}

wctrans_t wctrans(const char *name)
{
	if (strcmp(name, "tolower") == 0)
		return 1;
	if (strcmp(name, "toupper") == 0)
		return 2;
	return 0;
}

wint_t towctrans(wint_t c, wctrans_t t)
{
	return t == 1 ? towlower(c) : t == 2 ? towupper(c) : c;
}

int wcwidth(wchar_t wc)
{
	unsigned c = (unsigned)wc;

	if (c == 0)
		return 0;
	if (!iswprint(c))
		return -1;
	if (IN(zero_width, c))
		return 0;
	return IN(wide, c) ? 2 : 1;
}

int wcswidth(const wchar_t *s, size_t n)
{
	int total = 0, w;

	for (; n && *s; s++, n--) {
		if ((w = wcwidth(*s)) < 0)
			return -1;
		total += w;
	}
	return total;
}
