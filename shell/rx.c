/* rx.c - regcomp/regexec wrappers.  ion's patterns are Rust regexes; the
 * POSIX extended syntax covers the common part of them. */
#include "shell/rx.h"
#include "shell/str.h"
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compile(regex_t *re, const char *pattern)
{
	int e = regcomp(re, pattern, REG_EXTENDED);
	if (e != 0) {
		char msg[128];
		regerror(e, re, msg, sizeof msg);
		fprintf(stderr, "ion: regex '%s': %s\n", pattern, msg);
		return -1;
	}
	return 0;
}

int rx_match(const char *pattern, const char *s)
{
	regex_t re;
	if (compile(&re, pattern) < 0)
		return -1;
	int r = regexec(&re, s, 0, NULL, 0) == 0;
	regfree(&re);
	return r;
}

char *rx_replace(const char *pattern, const char *s, const char *with)
{
	regex_t re;
	regmatch_t m[10];
	struct sbuf b;
	int flags = 0;
	if (compile(&re, pattern) < 0)
		return NULL;
	sbuf_init(&b);
	while (*s && regexec(&re, s, 10, m, flags) == 0) {
		sbuf_putn(&b, s, (size_t)m[0].rm_so);
		for (const char *w = with; *w; w++) {
			if ((*w == '\\' || *w == '$') && w[1] >= '0' && w[1] <= '9') {
				int g = w[1] - '0';
				if (m[g].rm_so >= 0)
					sbuf_putn(&b, s + m[g].rm_so, (size_t)(m[g].rm_eo - m[g].rm_so));
				w++;
			} else if (*w == '\\' && w[1]) {
				sbuf_putc(&b, *++w);
			} else {
				sbuf_putc(&b, *w);
			}
		}
		if (m[0].rm_eo == 0) {	/* an empty match: step over one char */
			sbuf_putc(&b, *s);
			s++;
		} else {
			s += m[0].rm_eo;
		}
		flags = REG_NOTBOL;
	}
	sbuf_puts(&b, s);
	regfree(&re);
	return sbuf_take(&b);
}
