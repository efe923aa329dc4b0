/*
 * check.h - the tiny harness of the libc test programs.  Each program
 * defines NAME, calls CHECK(...) and ends with `return finish();`, which
 * prints "NAME: all N checks passed" (what the system tests look for) and
 * returns 0, or the failures and 1.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>
#include <string.h>
#include <stdlib.h>

static int checks, failures;

#define CHECK(cond) do {						\
		checks++;						\
		if (!(cond)) {						\
			failures++;					\
			printf("%s: FAIL %s:%d: %s\n", NAME, __FILE__, __LINE__, #cond); \
		}							\
	} while (0)

#define CHECK_STR(got, want) do {					\
		const char *g_ = (got), *w_ = (want);			\
		checks++;						\
		if (g_ == NULL || strcmp(g_, w_) != 0) {		\
			failures++;					\
			printf("%s: FAIL %s:%d: %s is \"%s\", want \"%s\"\n", NAME, \
			    __FILE__, __LINE__, #got, g_ ? g_ : "(null)", w_); \
		}							\
	} while (0)

#define CHECK_INT(got, want) do {					\
		long long g_ = (long long)(got), w_ = (long long)(want); \
		checks++;						\
		if (g_ != w_) {						\
			failures++;					\
			printf("%s: FAIL %s:%d: %s is %lld, want %lld\n", NAME, \
			    __FILE__, __LINE__, #got, g_, w_);		\
		}							\
	} while (0)

/* A directory the test may write in: $TMPDIR, else /tmp; NULL if none. */
static inline const char *scratch_dir(void)
{
	const char *d = getenv("TMPDIR");
	FILE *f;
	char p[512];

	if (d == NULL || *d == '\0')
		d = "/tmp";
	snprintf(p, sizeof(p), "%s/.libc-test-probe", d);
	f = fopen(p, "w");
	if (f == NULL)
		return NULL;
	fclose(f);
	remove(p);
	return d;
}

/* The path to run this program again (tests that spawn themselves): argv0
 * as given if it is a path or URL, else its name in initfs:/bin. */
static inline void self_path(const char *argv0, char *buf, size_t n)
{
	if (strchr(argv0, '/') || strchr(argv0, ':'))
		snprintf(buf, n, "%s", argv0);
	else
		snprintf(buf, n, "initfs:/bin/%s", argv0);
}

static inline int finish(void)
{
	fflush(stdout);
	if (failures) {
		printf("%s: %d of %d checks failed\n", NAME, failures, checks);
		return 1;
	}
	printf("%s: all %d checks passed\n", NAME, checks);
	return 0;
}

#endif
