/* chmod - changes file modes: octal (755) or symbolic (u+x,go-w,a=r). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "lib/cu.h"

/* Applies MODE (octal or symbolic) to old; -1 if MODE is malformed. */
static long
chmod_apply(const char *spec, mode_t old, mode_t umask_bits)
{
	if (*spec >= '0' && *spec <= '7') {
		char *end;
		long v = strtol(spec, &end, 8);
		return *end || v > 07777 ? -1 : v;
	}
	mode_t m = old & 07777;
	const char *p = spec;
	for (;;) {
		mode_t who = 0;
		for (; strchr("ugoa", *p) && *p; p++)
			who |= *p == 'u' ? 04700 : *p == 'g' ? 02070 : *p == 'o' ? 01007 : 07777;
		int explicit = who != 0;
		if (!explicit)
			who = 07777;
		if (!strchr("+-=", *p) || !*p)
			return -1;
		while (*p && strchr("+-=", *p)) {
			char op = *p++;
			mode_t bits = 0;
			for (; *p && strchr("rwxXst", *p); p++) {
				switch (*p) {
				case 'r': bits |= 0444; break;
				case 'w': bits |= 0222; break;
				case 'x': bits |= 0111; break;
				case 'X': if (S_ISDIR(old) || (old & 0111)) bits |= 0111; break;
				case 's': bits |= 06000; break;
				case 't': bits |= 01000; break;
				}
			}
			bits &= who;
			/* Without u/g/o/a, the umask masks what is added. */
			if (!explicit && op != '-')
				bits &= ~umask_bits;
			if (op == '+')
				m |= bits;
			else if (op == '-')
				m &= ~bits;
			else
				m = (m & ~(who & 07777)) | bits;
		}
		if (*p == 0)
			return m;
		if (*p++ != ',')
			return -1;
	}
}

int
main(int argc, char **argv)
{
	int status = 0, i = 1;

	cu_init("chmod", "MODE FILE...\nChange the mode of each FILE (MODE: octal, or like u+x,go-w).\n", 1);
	if (argc > 1 && !strcmp(argv[1], "--help"))
		cu_usage(0);
	/* "-w" is a mode, not an option; other dashes are options. */
	if (i < argc && argv[i][0] == '-' && argv[i][1] &&
	    strspn(argv[i] + 1, "rwxXst") != strlen(argv[i] + 1)) {
		struct cu_opt o;
		cu_opt_init(&o, argc, argv);
		while (cu_opt_next(&o, "") != -1)
			;
		i = o.ind;
	}
	if (argc - i < 2) {
		if (argc - i < 1)
			cu_msg("missing operand");
		else
			cu_msg("missing operand after '%s'", argv[i]);
		cu_usage(1);
	}
	const char *spec = argv[i++];
	mode_t um = umask(0);
	umask(um);
	if (chmod_apply(spec, 0, um) < 0) {
		cu_msg("invalid mode: '%s'", spec);
		cu_usage(1);
	}
	for (; i < argc; i++) {
		struct stat sb;
		if (stat(argv[i], &sb) != 0) {
			fprintf(stderr, "chmod: cannot access '%s': %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		long m = chmod_apply(spec, sb.st_mode, um);
		if (chmod(argv[i], (mode_t)m) != 0) {
			fprintf(stderr, "chmod: changing permissions of '%s': %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
