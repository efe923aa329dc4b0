/* The host tests' assertions: a failed CHECK names the line and fails
 * the current test, which goes on so one run shows every problem. */
#ifndef TESTS_NET_CHECK_H
#define TESTS_NET_CHECK_H

#include <stdio.h>

extern int check_failed;

#define CHECK(c) do { \
	if (!(c)) { \
		fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__, \
		    __LINE__, #c); \
		check_failed = 1; \
	} \
} while (0)

#define CHECK_EQ(a, b) do { \
	long long a_ = (long long)(a), b_ = (long long)(b); \
	if (a_ != b_) { \
		fprintf(stderr, "  %s:%d: %s == %lld, expected %s == %lld\n", \
		    __FILE__, __LINE__, #a, a_, #b, b_); \
		check_failed = 1; \
	} \
} while (0)

/* The test lists, one per file. */
struct net_test {
	const char *name;
	void (*fn)(void);
};
extern const struct net_test tcp_tests[], ip_tests[], app_tests[],
    batch_tests[], tso_tests[];

#endif
