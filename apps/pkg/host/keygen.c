/* pkg-keygen [-p] [KEYFILE]: a new signing key (default
 * build/pkg/signing.key) and its public half (KEYFILE's .pub), which
 * images trust.  With -p an existing key is kept and its .pub written
 * again (the image build's way to get the .pub, making the key once). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "apps/pkg/host/hostkey.h"

int
main(int argc, char **argv)
{
	const char *path;
	char pubpath[1024];
	uint8_t pub[32], seed[32];
	int r, keep = argc > 1 && strcmp(argv[1], "-p") == 0;

	argc -= keep;
	argv += keep;
	path = argc > 1 ? argv[1] : HOSTKEY_DEFAULT;
	if (argc > 2 || (argc == 2 && (argv[1][0] == '-' || argv[1][0] == '\0'))) {
		fprintf(stderr, "usage: pkg-keygen [-p] [KEYFILE]\n");
		return 2;
	}
	if (keep) {
		r = hostkey_load(path, seed, pub);
		memset(seed, 0, sizeof seed);
		if (r == 0)
			r = hostkey_write_pub(path, pub);
	} else {
		r = hostkey_generate(path, pub);
	}
	if (r != 0) {
		fprintf(stderr, "pkg-keygen: %s: %s\n", path, strerror(-r));
		return 1;
	}
	hostkey_pubpath(path, pubpath, sizeof pubpath);
	printf("%s\n", pubpath);
	return 0;
}
