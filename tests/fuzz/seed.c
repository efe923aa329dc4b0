/*
 * Makes a seed for fuzz_redoxfs from an image: its non-zero blocks as
 * (u16 block index, 4096 bytes) chunks, leaving out blocks that look like
 * random file data (the fuzzer ignores hashes, so they may read as zeros).
 *   seed IMAGE OUT [MAXBLOCKS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
	unsigned char blk[4096];
	FILE *in, *out;
	unsigned long b = 0, kept = 0, max = 1024;

	if (argc == 4)
		max = strtoul(argv[3], NULL, 0);
	if (argc < 3 || argc > 4 || (in = fopen(argv[1], "rb")) == NULL ||
	    (out = fopen(argv[2], "wb")) == NULL) {
		fprintf(stderr, "usage: seed IMAGE OUT [MAXBLOCKS]\n");
		return 2;
	}
	for (; fread(blk, 1, sizeof blk, in) == sizeof blk && b < max; b++) {
		int seen[256] = { 0 }, distinct = 0, nonzero = 0;
		for (int i = 0; i < 4096; i++) {
			distinct += !seen[blk[i]]++;
			nonzero |= blk[i];
		}
		if (!nonzero || (distinct > 200 && memcmp(blk, "RedoxFS", 7)))
			continue;
		fputc((int)(b & 0xFF), out);
		fputc((int)(b >> 8 & 0xFF), out);
		fwrite(blk, 1, sizeof blk, out);
		kept++;
	}
	fprintf(stderr, "%s: %lu of %lu blocks kept\n", argv[1], kept, b);
	fclose(in);
	return fclose(out) != 0;
}
