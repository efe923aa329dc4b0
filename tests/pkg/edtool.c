/*
 * edtool: Ed25519 from apps/pkg/lib for the tests, so they can hold it
 * against openssl and sign hand-made (hostile) manifests.
 *   edtool pub SEEDHEX                 -> the public key, hex
 *   edtool sign SEEDHEX FILE           -> the signature of FILE, hex
 *   edtool verify PUBHEX SIGHEX FILE   -> status 0 valid, 1 not
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apps/pkg/lib/ed25519.h"
#include "apps/pkg/lib/manifest.h"
#include "apps/pkg/lib/trust.h"

static void
hexarg(const char *s, uint8_t *b, size_t n)
{
	if (manifest_unhex(s, strlen(s), b, n) != 0) {
		fprintf(stderr, "edtool: %s: not %zu hex bytes\n", s, n);
		exit(2);
	}
}

static uint8_t *
slurp(const char *path, size_t *len)
{
	uint8_t *b;
	int r = trust_read_file(path, &b, len, 1u << 30);

	if (r != 0) {
		fprintf(stderr, "edtool: %s: %s\n", path, strerror(-r));
		exit(1);
	}
	return b;
}

int
main(int argc, char **argv)
{
	uint8_t seed[32], pub[32], sig[64], *msg;
	char hex[129];
	size_t len;

	if (argc == 3 && strcmp(argv[1], "pub") == 0) {
		hexarg(argv[2], seed, 32);
		ed25519_pubkey(pub, seed);
		manifest_hex(pub, 32, hex);
		printf("%s\n", hex);
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "sign") == 0) {
		hexarg(argv[2], seed, 32);
		ed25519_pubkey(pub, seed);
		msg = slurp(argv[3], &len);
		ed25519_sign(sig, msg, len, seed, pub);
		manifest_hex(sig, 64, hex);
		printf("%s\n", hex);
		free(msg);
		return 0;
	}
	if (argc == 5 && strcmp(argv[1], "verify") == 0) {
		int r;
		hexarg(argv[2], pub, 32);
		hexarg(argv[3], sig, 64);
		msg = slurp(argv[4], &len);
		r = ed25519_verify(sig, msg, len, pub);
		free(msg);
		return r == 0 ? 0 : 1;
	}
	fprintf(stderr, "usage: edtool pub SEED | sign SEED FILE | verify PUB SIG FILE\n");
	return 2;
}
