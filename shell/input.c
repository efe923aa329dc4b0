/* input.c - reading scripts and lines. */
#include "shell/input.h"
#include "shell/str.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct slist history;

static char *read_fd(int fd)
{
	struct sbuf b;
	char buf[4096];
	ssize_t k;
	sbuf_init(&b);
	while ((k = read(fd, buf, sizeof buf)) > 0)
		sbuf_putn(&b, buf, (size_t)k);
	if (k < 0) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_take(&b);
}

char *input_read_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "ion: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	char *s = read_fd(fd);
	if (!s)
		fprintf(stderr, "ion: %s: %s\n", path, strerror(errno));
	close(fd);
	return s;
}

char *input_read_stdin(void)
{
	return read_fd(0);
}

char *input_line(const char *prompt)
{
	struct sbuf b;
	char c;
	ssize_t k;
	fputs(prompt, stdout);
	fflush(stdout);
	sbuf_init(&b);
	while ((k = read(0, &c, 1)) == 1 && c != '\n')
		sbuf_putc(&b, c);
	if (k <= 0 && !b.len) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_take(&b);
}

void input_history_add(const char *line)
{
	if (*line)
		slist_push(&history, line);
}

void input_history_print(void)
{
	for (size_t i = 0; i < history.n; i++)
		printf("%s\n", history.v[i]);
}
