/* rx.h - POSIX extended regular expressions for `matches` and
 * $regex_replace. */
#ifndef SHELL_RX_H
#define SHELL_RX_H

/* 1 if s matches pattern, 0 if not, -1 (error printed) for a bad one. */
int rx_match(const char *pattern, const char *s);
/* Every match of pattern in s replaced by with (\0-\9 or $0-$9 name groups);
 * NULL (error printed) for a bad pattern. */
char *rx_replace(const char *pattern, const char *s, const char *with);

#endif
