/* log.c - the kernel log.  Lines go to the console and to a ring buffer. */
#include <stdarg.h>

#include "core/fmt.h"
#include "core/log.h"
#include "core/str.h"
#include "hal/hal.h"

#define LOG_RING 16384

static char ring[LOG_RING];
static size_t ring_total;	/* bytes ever logged */

static void
ring_put(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ring[(ring_total + i) % LOG_RING] = s[i];
	ring_total += n;
}

void
log_console(const char *buf, size_t len)
{
	hal_console_write(buf, len);
}

void
log_printf(const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	size_t n = fmt_vformat(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n >= sizeof line)
		n = sizeof line - 1;
	ring_put(line, n);
	hal_console_write(line, n);
}

size_t
log_size(void)
{
	return ring_total < LOG_RING ? ring_total : LOG_RING;
}

size_t
log_read(size_t off, char *buf, size_t len)
{
	size_t have = log_size();
	size_t start = ring_total - have;	/* oldest byte still held */
	if (off >= have)
		return 0;
	if (len > have - off)
		len = have - off;
	for (size_t i = 0; i < len; i++)
		buf[i] = ring[(start + off + i) % LOG_RING];
	return len;
}

_Noreturn void
log_panic(const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	size_t n = fmt_vformat(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n >= sizeof line)
		n = sizeof line - 1;
	log_printf("kernel panic: %s\n", line);
	hal_poweroff(70);
}
