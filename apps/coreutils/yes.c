/* yes - prints its arguments (or "y") over and over until output fails. */
#include <string.h>
#include "lib/cu.h"

int
main(int argc, char **argv)
{
	struct cu_opt o;
	char buf[8192];
	size_t len = 0, one;
	int i;

	cu_init("yes", "[STRING]...\nRepeat a line of the STRINGs (or 'y') until killed.\n", 1);
	cu_opt_init(&o, argc, argv);
	while (cu_opt_next(&o, "") != -1)
		;
	i = o.ind;
	if (i >= argc)
		buf[len++] = 'y';
	for (int first = i; i < argc; i++) {
		size_t l = strlen(argv[i]);
		if (len + l + 2 > sizeof buf)
			break;
		if (i > first)
			buf[len++] = ' ';
		memcpy(buf + len, argv[i], l);
		len += l;
	}
	buf[len++] = '\n';
	/* Fill the buffer with whole copies so each write is large. */
	one = len;
	while (len + one <= sizeof buf) {
		memcpy(buf + len, buf, one);
		len += one;
	}
	while (cu_write_all(1, buf, len) == 0)
		;
	return 1;
}
