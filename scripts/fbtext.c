/*
 * fbtext SCREEN.ppm - reads the text on a screendump of the native
 * framebuffer console back: each 8x16 cell of the picture is matched
 * against the same glyphs the kernel draws (fbfont.c), and the lines are
 * printed (trailing blanks dropped; a cell matching no glyph prints '?').
 * The tests use it to check what the screen shows, as a person would see.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const uint8_t fbfont_glyphs[95][16];

static int
number(FILE *f)
{
	int c, n = 0;
	while ((c = fgetc(f)) == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '#')
		if (c == '#')
			while ((c = fgetc(f)) != '\n' && c != EOF)
				;
	for (; c >= '0' && c <= '9'; c = fgetc(f))
		n = n * 10 + (c - '0');
	return n;
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: fbtext SCREEN.ppm\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	char magic[3] = { 0 };
	if (!f || fread(magic, 1, 2, f) != 2 || strcmp(magic, "P6") != 0) {
		fprintf(stderr, "fbtext: %s: not a binary PPM\n", argv[1]);
		return 1;
	}
	int w = number(f), h = number(f), max = number(f);
	if (w <= 0 || h <= 0 || w > 8192 || h > 8192 || max != 255) {
		fprintf(stderr, "fbtext: %s: unexpected size or depth\n", argv[1]);
		return 1;
	}
	size_t bytes = (size_t)w * (size_t)h * 3;
	uint8_t *px = malloc(bytes);
	if (!px || fread(px, 1, bytes, f) != bytes) {
		fprintf(stderr, "fbtext: %s: truncated\n", argv[1]);
		return 1;
	}
	fclose(f);
	char line[1025];
	for (int row = 0; row < h / 16; row++) {
		int n = 0;
		for (int col = 0; col < w / 8 && col < 1024; col++) {
			uint8_t cell[16];
			for (int y = 0; y < 16; y++) {
				cell[y] = 0;
				for (int x = 0; x < 8; x++) {
					const uint8_t *p = px + 3 * ((size_t)(row * 16 + y) * (size_t)w +
					    (size_t)(col * 8 + x));
					if (p[0] > 0x40 || p[1] > 0x40 || p[2] > 0x40)
						cell[y] |= (uint8_t)(0x80 >> x);
				}
			}
			char c = '?';
			for (int g = 0; g < 95; g++)
				if (memcmp(cell, fbfont_glyphs[g], 16) == 0) {
					c = (char)(g + 0x20);
					break;
				}
			line[n++] = c;
		}
		while (n > 0 && line[n - 1] == ' ')
			n--;
		line[n] = '\0';
		printf("%s\n", line);
	}
	free(px);
	return 0;
}
