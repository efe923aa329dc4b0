/* echo - prints its arguments; -n drops the newline, -e reads escapes. */
#include <stdio.h>
#include <string.h>
#include "lib/cu.h"

/* Prints s with backslash escapes; returns 1 if \c asked to stop. */
static int
echo_escaped(const char *s)
{
	for (; *s; s++) {
		if (*s != '\\' || !s[1]) {
			putchar(*s);
			continue;
		}
		s++;
		switch (*s) {
		case 'a': putchar('\a'); break;
		case 'b': putchar('\b'); break;
		case 'c': return 1;
		case 'e': putchar(033); break;
		case 'f': putchar('\f'); break;
		case 'n': putchar('\n'); break;
		case 'r': putchar('\r'); break;
		case 't': putchar('\t'); break;
		case 'v': putchar('\v'); break;
		case '\\': putchar('\\'); break;
		case '0': {
			int v = 0, i;
			for (i = 0; i < 3 && s[1] >= '0' && s[1] <= '7'; i++)
				v = v * 8 + (*++s - '0');
			putchar(v);
			break;
		}
		default: putchar('\\'); putchar(*s); break;
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	int nl = 1, esc = 0, i;

	cu_init("echo", "[-neE] [STRING]...\nPrint the STRINGs, separated by spaces.\n", 1);
	if (argc == 2 && !strcmp(argv[1], "--help"))
		cu_usage(0);
	/* Like GNU: only words made entirely of n, e, E are options. */
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strspn(argv[i] + 1, "neE") != strlen(argv[i] + 1))
			break;
		for (const char *p = argv[i] + 1; *p; p++)
			if (*p == 'n')
				nl = 0;
			else
				esc = *p == 'e';
	}
	for (int first = i; i < argc; i++) {
		if (i > first)
			putchar(' ');
		if (esc ? echo_escaped(argv[i]) : (fputs(argv[i], stdout), 0))
			return fflush(stdout) != 0;
	}
	if (nl)
		putchar('\n');
	return fflush(stdout) != 0;
}
