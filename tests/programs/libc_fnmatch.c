/* libc_fnmatch: fnmatch.h and glob.h (libc/src/fnmatch/, libc/src/glob/).
 * fnmatch's big table is compared with glibc on the host
 * (libc/tests/fnmatch_glibc.c); glob runs on a tree made in $TMPDIR. */
#define NAME "libc_fnmatch"
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

static int mkfile(const char *path)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return -1;
	return fclose(f);
}

/* The glob result as one space-separated string. */
static const char *globs(const char *pat, int flags, int *rc)
{
	static char buf[512];
	glob_t g;
	size_t i, off = 0;

	buf[0] = '\0';
	*rc = glob(pat, flags, NULL, &g);
	for (i = 0; i < g.gl_pathc && off < sizeof(buf); i++) {
		int n = snprintf(buf + off, sizeof(buf) - off, "%s%s",
		    i ? " " : "", g.gl_pathv[i]);

		if (n < 0)
			break;
		off += (size_t)n;
	}
	globfree(&g);
	return buf;
}

static void test_fnmatch(void)
{
	CHECK_INT(fnmatch("*.c", "main.c", 0), 0);
	CHECK_INT(fnmatch("*.c", "main.h", 0), FNM_NOMATCH);
	CHECK_INT(fnmatch("a?c", "abc", 0), 0);
	CHECK_INT(fnmatch("[a-c]x", "bx", 0), 0);
	CHECK_INT(fnmatch("[!a-c]x", "bx", 0), FNM_NOMATCH);
	CHECK_INT(fnmatch("[[:digit:]]*", "7up", 0), 0);
	CHECK_INT(fnmatch("*", "a/b", 0), 0);
	CHECK_INT(fnmatch("*", "a/b", FNM_PATHNAME), FNM_NOMATCH);
	CHECK_INT(fnmatch("*/*", "a/b", FNM_PATHNAME), 0);
	CHECK_INT(fnmatch("a?b", "a/b", FNM_PATHNAME), FNM_NOMATCH);
	CHECK_INT(fnmatch("*", ".profile", FNM_PERIOD), FNM_NOMATCH);
	CHECK_INT(fnmatch(".*", ".profile", FNM_PERIOD), 0);
	CHECK_INT(fnmatch("*", ".profile", 0), 0);
	CHECK_INT(fnmatch("d/*", "d/.x", FNM_PATHNAME | FNM_PERIOD), FNM_NOMATCH);
	CHECK_INT(fnmatch("d/*", "d/.x", FNM_PERIOD), 0);
	CHECK_INT(fnmatch("\\*", "*", 0), 0);
	CHECK_INT(fnmatch("\\*", "\\*", FNM_NOESCAPE), 0);
	CHECK_INT(fnmatch("\\*", "x", 0), FNM_NOMATCH);
	CHECK_INT(fnmatch("README", "readme", FNM_CASEFOLD), 0);
	CHECK_INT(fnmatch("README", "readme", 0), FNM_NOMATCH);
	CHECK_INT(fnmatch("[", "[", 0), 0);
	CHECK_INT(fnmatch("usr", "usr/lib", FNM_LEADING_DIR), 0);
	CHECK_INT(fnmatch("*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0),
	    FNM_NOMATCH);
}

static void test_glob(void)
{
	const char *dir = scratch_dir();
	char old[512], top[512];
	glob_t g;
	int rc;

	if (dir == NULL) {
		printf("%s: no writable directory ($TMPDIR or /tmp): glob checks skipped\n", NAME);
		return;
	}
	CHECK(getcwd(old, sizeof(old)) != NULL);
	snprintf(top, sizeof(top), "%s/globtest", dir);
	CHECK_INT(mkdir(top, 0755), 0);
	CHECK_INT(chdir(top), 0);
	CHECK_INT(mkdir("d", 0755), 0);
	CHECK_INT(mkdir("d/sub", 0755), 0);
	CHECK_INT(mkdir("e", 0755), 0);
	CHECK_INT(mkfile("d/b.c"), 0);
	CHECK_INT(mkfile("d/a.c"), 0);
	CHECK_INT(mkfile("d/a.h"), 0);
	CHECK_INT(mkfile("d/.hid.c"), 0);
	CHECK_INT(mkfile("d/sub/x.c"), 0);
	CHECK_INT(mkfile("e/y.c"), 0);
	CHECK_INT(mkfile("d/[q]"), 0);

	CHECK_STR(globs("d/*.c", 0, &rc), "d/a.c d/b.c");
	CHECK_INT(rc, 0);
	CHECK_STR(globs("d/.*.c", 0, &rc), "d/.hid.c");
	CHECK_STR(globs("d/?.[ch]", 0, &rc), "d/a.c d/a.h d/b.c");
	CHECK_STR(globs("*/*.c", 0, &rc), "d/a.c d/b.c e/y.c");
	CHECK_STR(globs("*/*/*.c", 0, &rc), "d/sub/x.c");
	CHECK_STR(globs("d/*", GLOB_MARK, &rc), "d/[q] d/a.c d/a.h d/b.c d/sub/");
	CHECK_STR(globs("d/\\[q]", 0, &rc), "d/[q]");
	CHECK_STR(globs("d/a.c", 0, &rc), "d/a.c");
	CHECK_INT(rc, 0);
	CHECK_STR(globs("d/none.c", 0, &rc), "");
	CHECK_INT(rc, GLOB_NOMATCH);
	CHECK_STR(globs("d/*.z", 0, &rc), "");
	CHECK_INT(rc, GLOB_NOMATCH);
	CHECK_STR(globs("d/*.z", GLOB_NOCHECK, &rc), "d/*.z");
	CHECK_INT(rc, 0);
	CHECK_STR(globs("nodir/*", 0, &rc), "");
	CHECK_INT(rc, GLOB_NOMATCH);
	CHECK_STR(globs("d/{a,b}.c", GLOB_BRACE, &rc), "d/a.c d/b.c");
	CHECK_STR(globs("{d,e}/*.c", GLOB_BRACE, &rc), "d/a.c d/b.c e/y.c");
	CHECK_STR(globs("d/{a,b}.c", 0, &rc), "");

	/* an absolute pattern keeps its prefix */
	{
		char pat[600], want[600];

		snprintf(pat, sizeof(pat), "%s/e/*", top);
		snprintf(want, sizeof(want), "%s/e/y.c", top);
		CHECK_STR(globs(pat, 0, &rc), want);
	}

	/* GLOB_DOOFFS and GLOB_APPEND */
	g.gl_offs = 2;
	CHECK_INT(glob("d/a.*", GLOB_DOOFFS, NULL, &g), 0);
	CHECK_INT(g.gl_pathc, 2);
	CHECK(g.gl_pathv[0] == NULL && g.gl_pathv[1] == NULL);
	CHECK_STR(g.gl_pathv[2], "d/a.c");
	CHECK_INT(glob("e/*", GLOB_DOOFFS | GLOB_APPEND, NULL, &g), 0);
	CHECK_INT(g.gl_pathc, 3);
	CHECK_STR(g.gl_pathv[4], "e/y.c");
	CHECK(g.gl_pathv[5] == NULL);
	globfree(&g);

	/* GLOB_NOSORT still finds everything */
	CHECK_INT(glob("d/*.c", GLOB_NOSORT, NULL, &g), 0);
	CHECK_INT(g.gl_pathc, 2);
	globfree(&g);

	unlink("d/sub/x.c");
	rmdir("d/sub");
	unlink("d/a.c");
	unlink("d/b.c");
	unlink("d/a.h");
	unlink("d/.hid.c");
	unlink("d/[q]");
	unlink("e/y.c");
	rmdir("d");
	rmdir("e");
	CHECK_INT(chdir(old), 0);
	CHECK_INT(rmdir(top), 0);
}

int main(void)
{
	test_fnmatch();
	test_glob();
	return finish();
}
