/* regex.c - regcomp/regexec/regerror/regfree over the rx engine (rx.h). */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rx.h"

_Static_assert(REG_EXTENDED == RX_EXTENDED && REG_ICASE == RX_ICASE &&
    REG_NEWLINE == RX_NEWLINE && REG_NOSUB == RX_NOSUB &&
    REG_NOTBOL == RX_NOTBOL && REG_NOTEOL == RX_NOTEOL &&
    REG_NOMATCH == RX_NOMATCH && REG_BADRPT == RX_BADRPT &&
    REG_ESPACE == RX_ESPACE && RE_DUP_MAX == RX_DUP_MAX,
    "regex.h and rx.h disagree");
_Static_assert(sizeof(regmatch_t) == 2 * sizeof(long), "regmatch_t layout");

int regcomp(regex_t *restrict re, const char *restrict pattern, int cflags)
{
	struct rx *rx;
	int rc;

	rc = rx_compile(&rx, pattern, cflags);
	if (rc != RX_OK)
		return rc;
	re->re_nsub = rx->nsub;
	re->re_rx = rx;
	return 0;
}

int regexec(const regex_t *restrict re, const char *restrict s, size_t nmatch,
    regmatch_t *restrict pmatch, int eflags)
{
	const struct rx *rx = re->re_rx;

	if (rx == NULL)
		return REG_BADPAT;
	if (rx->flags & RX_NOSUB)
		nmatch = 0;
	/* regmatch_t is two longs, so the array is the engine's so_eo. */
	return rx_exec(rx, s, nmatch, pmatch ? &pmatch[0].rm_so : NULL, eflags);
}

void regfree(regex_t *re)
{
	rx_free(re->re_rx);
	re->re_rx = NULL;
}

static const char *const messages[] = {
	[0] = "Success",
	[REG_NOMATCH] = "No match",
	[REG_BADPAT] = "Invalid regular expression",
	[REG_ECOLLATE] = "Invalid collation character",
	[REG_ECTYPE] = "Invalid character class name",
	[REG_EESCAPE] = "Trailing backslash",
	[REG_ESUBREG] = "Invalid back reference",
	[REG_EBRACK] = "Unmatched [ or [^",
	[REG_EPAREN] = "Unmatched ( or \\(",
	[REG_EBRACE] = "Unmatched \\{",
	[REG_BADBR] = "Invalid content of \\{\\}",
	[REG_ERANGE] = "Invalid range end",
	[REG_ESPACE] = "Memory exhausted or pattern too complex",
	[REG_BADRPT] = "Invalid preceding regular expression",
};

size_t regerror(int err, const regex_t *restrict re, char *restrict buf,
    size_t size)
{
	const char *msg = "Unknown error";
	size_t len;

	(void)re;
	if (err >= 0 && (size_t)err < sizeof(messages) / sizeof(messages[0]))
		msg = messages[err];
	len = strlen(msg) + 1;
	if (size > 0) {
		size_t n = len < size ? len : size;

		memcpy(buf, msg, n - 1);
		buf[n - 1] = '\0';
	}
	return len;
}
