/*
 * Host tests of net/stack: runs every test of every list (or those whose
 * name contains argv[1]) and prints one line per test and a summary.
 */
#include <stdlib.h>
#include <string.h>

#include "tests/net/check.h"

int check_failed;

int
main(int argc, char **argv)
{
	const struct net_test *lists[] = { ip_tests, tcp_tests, app_tests,
	    batch_tests, tso_tests };
	int run = 0, failed = 0;

	if (argc > 2) {
		fprintf(stderr, "usage: nettest [NAME-PART]\n");
		return 2;
	}
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++)
		for (const struct net_test *t = lists[l]; t->name != NULL; t++) {
			if (argc == 2 && strstr(t->name, argv[1]) == NULL)
				continue;
			check_failed = 0;
			t->fn();
			run++;
			failed += check_failed;
			printf("%s %s\n", check_failed ? "FAIL" : "ok  ", t->name);
			fflush(stdout);
		}
	printf("net: %d tests, %d failed\n", run, failed);
	return failed ? 1 : 0;
}
