/*
 * fbcon.c - console output on the screen (see fbcon.h).
 *
 * 32-bit RGB framebuffers get 8x16 glyphs from fbfont.c (generated at
 * build time from GRUB's ascii.pf2); EGA text mode gets characters and
 * attributes.  At the bottom the text jumps up by half a screen: one big
 * copy every many lines, cheap even under emulation.  Escape sequences
 * (ESC [ ... letter) are skipped, not drawn.
 */
#include "hal/x86_64/boot.h"
#include "hal/x86_64/fbcon.h"
#include "hal/x86_64/lib.h"

#define CELL_W 8
#define CELL_H 16
#define FG 0x00c0c0c0u		/* light grey on black */
#define TEXT_ATTR 0x07

extern const uint8_t fbfont_glyphs[95][16];

static volatile uint8_t *fb;
static uint32_t pitch, cols, rows, type;
static uint32_t cx, cy;
static int in_escape;

static void scroll(uint32_t from);

/* Blank screen: every row scrolled away. */
static void
rows_clear(void)
{
	scroll(rows);
}

void
fbcon_init(uint64_t pa, uint32_t p, uint32_t width, uint32_t height,
    uint8_t bpp, uint8_t t)
{
	uint64_t bytes = (uint64_t)p * height;

	if (t == FB_TYPE_RGB && bpp == 32 && width >= CELL_W && height >= CELL_H) {
		cols = width / CELL_W;
		rows = height / CELL_H;
	} else if (t == FB_TYPE_TEXT && width > 0 && height > 0) {
		cols = width;
		rows = height;
	} else {
		x86_printf("fbcon: framebuffer type %u, %u bpp: not used\n", t, bpp);
		return;
	}
	if (pa == 0 || pa + bytes > DMAP_BOOT_SIZE || p < cols) {
		x86_printf("fbcon: framebuffer at %p (%lu bytes) out of reach\n",
		    (void *)pa, (unsigned long)bytes);
		return;
	}
	pitch = p;
	type = t;
	fb = phys_to_virt(pa);
	rows_clear();
	x86_printf("fbcon: %ux%u %s console\n", cols, rows,
	    type == FB_TYPE_TEXT ? "text" : "framebuffer");
}

static void
draw(uint32_t col, uint32_t row, char c)
{
	if (type == FB_TYPE_TEXT) {
		volatile uint16_t *cell = (volatile uint16_t *)(fb + row * pitch) + col;
		*cell = (uint16_t)(TEXT_ATTR << 8 | (uint8_t)c);
		return;
	}
	const uint8_t *g = fbfont_glyphs[c >= 0x20 && c <= 0x7e ? c - 0x20 : 0];
	volatile uint8_t *line = fb + (uint64_t)row * CELL_H * pitch + col * CELL_W * 4;
	for (int y = 0; y < CELL_H; y++, line += pitch) {
		volatile uint32_t *px = (volatile uint32_t *)line;
		for (int x = 0; x < CELL_W; x++)
			px[x] = (g[y] & (0x80 >> x)) ? FG : 0;
	}
}

/* Rows of text [from, rows) move to the top; the rest is cleared. */
static void
scroll(uint32_t from)
{
	uint64_t row_bytes = type == FB_TYPE_TEXT ? pitch : (uint64_t)pitch * CELL_H;
	uint64_t keep = (rows - from) * row_bytes, total = rows * row_bytes;
	volatile uint64_t *d = (volatile uint64_t *)fb;
	volatile uint64_t *s = (volatile uint64_t *)(fb + from * row_bytes);
	for (uint64_t i = 0; i < keep / 8; i++)
		d[i] = s[i];
	for (uint64_t i = keep / 8; i < total / 8; i++)
		d[i] = type == FB_TYPE_TEXT ? 0x0720072007200720ull : 0;
	cy = rows - from;
}

static void
newline(void)
{
	cx = 0;
	if (++cy >= rows)
		scroll(rows / 2 ? rows / 2 : 1);
}

void
fbcon_write(const char *buf, size_t len)
{
	if (!fb)
		return;
	for (size_t i = 0; i < len; i++) {
		char c = buf[i];
		if (in_escape) {
			/* ESC [ parameters, ended by a letter. */
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			    (in_escape == 1 && c != '['))
				in_escape = 0;
			else
				in_escape = 2;
			continue;
		}
		switch (c) {
		case '\033':
			in_escape = 1;
			break;
		case '\n':
			newline();
			break;
		case '\r':
			cx = 0;
			break;
		case '\b':
			if (cx > 0)
				cx--;
			break;
		case '\t':
			do
				draw(cx++, cy, ' ');
			while (cx % 8 && cx < cols);
			if (cx >= cols)
				newline();
			break;
		default:
			if ((unsigned char)c < 0x20 || (unsigned char)c > 0x7e)
				break;
			draw(cx, cy, c);
			if (++cx >= cols)
				newline();
		}
	}
}
