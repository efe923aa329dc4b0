/*
 * serial.c - COM1 at 0x3f8, 115200 8N1.
 *
 * Output polls the transmitter (the core runs with interrupts off, and the
 * log must get out even when everything else is broken).  Input: the IRQ
 * handler drains the receiver into a ring and raises HAL_EV_CONSOLE;
 * hal_console_read() takes from the ring without blocking.  Under test
 * (the "test" option), an EOT byte (Ctrl-D) ends the input: reads return
 * -1 from then on, as hosted does at the end of its stdin.
 */
#include "hal/hal.h"
#include "hal/x86_64/fbcon.h"
#include "hal/x86_64/io.h"
#include "hal/x86_64/serial.h"
#include "hal/x86_64/time.h"
#include "hal/x86_64/trap.h"

#define COM1 0x3f8
#define RX_RING 1024

static char rx[RX_RING];
static unsigned rx_head, rx_tail;	/* head: next write; tail: next read */
static int present;
static int input_ended;
unsigned serial_irqs;	/* receive interrupts taken (ktest checks it) */
int serial_eot_ends_input;

void
serial_init(void)
{
	outb(COM1 + 1, 0x00);		/* no interrupts yet */
	outb(COM1 + 3, 0x80);		/* DLAB */
	outb(COM1 + 0, 0x01);		/* divisor 1: 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);		/* 8N1 */
	outb(COM1 + 2, 0xc7);		/* FIFO on, cleared, 14-byte threshold */
	outb(COM1 + 4, 0x0b);		/* DTR, RTS, OUT2 (IRQ line enable) */
	/* A missing UART reads back 0xff. */
	present = inb(COM1 + 5) != 0xff;
}

static void
put(char c)
{
	if (!present)
		return;
	for (int spin = 0; spin < 100000 && !(inb(COM1 + 5) & 0x20); spin++)
		;
	outb(COM1, (uint8_t)c);
}

void
serial_write(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			put('\r');
		put(buf[i]);
	}
}

static void
serial_irq(struct x86_frame *f)
{
	(void)f;
	int got = 0;
	while (inb(COM1 + 5) & 0x01) {
		char c = (char)inb(COM1);
		if (rx_head - rx_tail < RX_RING)
			rx[rx_head++ % RX_RING] = c;
		got = 1;
	}
	if (got) {
		serial_irqs++;
		x86_event_post(HAL_EV_CONSOLE);
	}
}

void
serial_push_input(const char *buf, size_t len)
{
	for (size_t i = 0; i < len && rx_head - rx_tail < RX_RING; i++)
		rx[rx_head++ % RX_RING] = buf[i];
	if (len)
		x86_event_post(HAL_EV_CONSOLE);
}

void
serial_enable_irq(void)
{
	if (!present)
		return;
	x86_irq_route(4, serial_irq);
	outb(COM1 + 1, 0x01);		/* interrupt on received data */
}

/*
 * The screen first: a host that reads a line from the serial port (and
 * then takes a screendump) must find that line drawn already.
 */
void
hal_console_write(const char *buf, size_t len)
{
	fbcon_write(buf, len);
	serial_write(buf, len);
}

long
hal_console_read(char *buf, size_t len)
{
	size_t n = 0;
	/* Also poll, so input typed before the IRQ was enabled is seen. */
	while (present && (inb(COM1 + 5) & 0x01) && rx_head - rx_tail < RX_RING)
		rx[rx_head++ % RX_RING] = (char)inb(COM1);
	while (n < len && rx_tail != rx_head && !input_ended) {
		char c = rx[rx_tail++ % RX_RING];
		if (c == 0x04 && serial_eot_ends_input)
			input_ended = 1;
		else
			buf[n++] = c;
	}
	/* A serial line has no end; under test, EOT stands for one. */
	return n == 0 && input_ended ? -1 : (long)n;
}
