/*
 * kbd.c - the PS/2 keyboard (see kbd.h).
 *
 * The controller translates to scan code set 1 (firmware leaves it so): a
 * key's make code is below 0x80, its break code has bit 7 set, and 0xe0
 * prefixes the extended keys.  Enter gives '\n' and Backspace DEL; the
 * console's line discipline does the rest.
 */
#include "hal/x86_64/io.h"
#include "hal/x86_64/kbd.h"
#include "hal/x86_64/lib.h"
#include "hal/x86_64/serial.h"
#include "hal/x86_64/trap.h"

#define DATA	0x60
#define STATUS	0x64		/* read */
#define CMD	0x64		/* write */
#define ST_OUT	0x01		/* a byte waits in DATA */
#define ST_IN	0x02		/* the controller is busy with our last byte */
#define ST_AUX	0x20		/* the byte is the mouse's */

#define SC_LSHIFT 0x2a
#define SC_RSHIFT 0x36
#define SC_CTRL   0x1d
#define SC_CAPS   0x3a

unsigned kbd_irqs;
static int shift, ctrl, caps, extended;

/* Set 1 make codes 0x00-0x39: plain and with Shift (0: no character). */
static const char plain[0x3a] =
    "\0\033" "1234567890-=" "\177\t" "qwertyuiop[]" "\n\0" "asdfghjkl;'`"
    "\0\\" "zxcvbnm,./" "\0*\0 ";
static const char shifted[0x3a] =
    "\0\033" "!@#$%^&*()_+" "\177\t" "QWERTYUIOP{}" "\n\0" "ASDFGHJKL:\"~"
    "\0|" "ZXCVBNM<>?" "\0*\0 ";

static int
wait_write(void)
{
	for (int spin = 0; spin < 100000; spin++)
		if (!(inb(STATUS) & ST_IN))
			return 0;
	return -1;
}

static void
key(uint8_t sc)
{
	int up = sc & 0x80, code = sc & 0x7f;

	if (extended) {
		extended = 0;
		if (code == SC_CTRL)
			ctrl = !up;
		else if (code == 0x1c && !up)		/* keypad Enter */
			serial_push_input("\n", 1);
		return;
	}
	if (code == SC_LSHIFT || code == SC_RSHIFT) {
		shift = !up;
		return;
	}
	if (code == SC_CTRL) {
		ctrl = !up;
		return;
	}
	if (up || code >= (int)sizeof plain)
		return;
	if (code == SC_CAPS) {
		caps = !caps;
		return;
	}
	char c = plain[code];
	int letter = c >= 'a' && c <= 'z';
	if (shift != (caps && letter))
		c = shifted[code];
	if (ctrl && (unsigned char)c >= 0x40)
		c &= 0x1f;			/* Ctrl-D, Ctrl-U, ... */
	if (c)
		serial_push_input(&c, 1);
}

static void
kbd_irq(struct x86_frame *f)
{
	(void)f;
	uint8_t st;
	kbd_irqs++;
	while ((st = inb(STATUS)) & ST_OUT) {
		uint8_t b = inb(DATA);
		if (st & ST_AUX)
			continue;		/* a mouse byte: not ours */
		if (b == 0xe0)
			extended = 1;
		else
			key(b);
	}
}

void
kbd_init(void)
{
	if (inb(STATUS) == 0xff) {
		x86_printf("kbd: no PS/2 controller\n");
		return;
	}
	for (int i = 0; i < 64 && (inb(STATUS) & ST_OUT); i++)
		(void)inb(DATA);		/* stale bytes */
	/* Keyboard interrupt on, translation kept; then the port on. */
	if (wait_write() != 0)
		goto dead;
	outb(CMD, 0x20);
	int spin = 0;
	while (!(inb(STATUS) & ST_OUT) && spin++ < 100000)
		;
	if (!(inb(STATUS) & ST_OUT))
		goto dead;
	uint8_t cfg = inb(DATA);
	if (wait_write() != 0)
		goto dead;
	outb(CMD, 0x60);
	if (wait_write() != 0)
		goto dead;
	outb(DATA, (uint8_t)((cfg | 0x01) & ~0x10));	/* IRQ 1 on, clock on */
	if (wait_write() != 0)
		goto dead;
	outb(CMD, 0xae);
	x86_irq_route(1, kbd_irq);
	return;
dead:
	x86_printf("kbd: the PS/2 controller does not answer\n");
}
