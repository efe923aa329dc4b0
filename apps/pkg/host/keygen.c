/* pkg-keygen [KEYFILE]: a new signing key (default build/pkg/signing.key)
 * and its public half (KEYFILE's .pub), which images trust. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "apps/pkg/host/hostkey.h"

int
main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : HOSTKEY_DEFAULT;
	char pubpath[1024];
	uint8_t pub[32];
	int r;

	if (argc > 2 || (argc == 2 && (argv[1][0] == '-' || argv[1][0] == '\0'))) {
		fprintf(stderr, "usage: pkg-keygen [KEYFILE]\n");
		return 2;
	}
	if ((r = hostkey_generate(path, pub)) != 0) {
		fprintf(stderr, "pkg-keygen: %s: %s\n", path, strerror(-r));
		return 1;
	}
	hostkey_pubpath(path, pubpath, sizeof pubpath);
	printf("%s\n", pubpath);
	return 0;
}
