/* input.c - reading scripts and lines. */
#include "shell/input.h"
#include "shell/complete.h"
#include "shell/lineedit.h"
#include "shell/str.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* The terminal's editor, made at the first line (lineedit.h); the
 * history file is $HOME/.local/share/ion/history, as ion's. */
static struct lineedit *editor;
static char history_path[1024];
static int history_lines;	/* in the file; -1: its directory not made */

static struct lineedit *get_editor(void)
{
	if (editor)
		return editor;
	editor = lineedit_new(0, 1);
	if (!editor)
		return NULL;
	lineedit_set_complete(editor, complete_word, NULL);
	const char *home = getenv("HOME");
	if (home && snprintf(history_path, sizeof history_path,
	    "%s/.local/share/ion/history", home) < (int)sizeof history_path)
		history_lines = lineedit_history_load(editor, history_path);
	else
		history_path[0] = '\0';
	return editor;
}

char *input_line(const char *prompt)
{
	struct lineedit *le = get_editor();
	fflush(stdout);
	if (!le)
		return NULL;
	return lineedit_read(le, prompt);
}

/* Makes the directories of path (mkdir -p of its parent). */
static void make_parents(const char *path)
{
	char dir[1024];
	size_t n = strlen(path);
	if (n >= sizeof dir)
		return;
	memcpy(dir, path, n + 1);
	for (char *p = dir + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0700);
			*p = '/';
		}
}

void input_history_add(const char *line)
{
	struct lineedit *le = get_editor();
	if (!le || !*line)
		return;
	if (!lineedit_history_add(le, line) || !history_path[0])
		return;
	/*
	 * Each line is appended (two file calls, where a rewrite of the
	 * whole file took a dozen on every command); the file is rewritten
	 * with what is kept only once it holds twice as much.
	 */
	if (history_lines < 0) {
		make_parents(history_path);
		history_lines = 0;
	}
	const char *const *h;
	size_t kept = lineedit_history(le, &h);
	if ((size_t)history_lines >= 2 * kept && kept > 0) {
		if (lineedit_history_save(le, history_path) == 0)
			history_lines = (int)kept;
	} else if (lineedit_history_append(history_path, line) == 0) {
		history_lines++;
	}
}

void input_history_print(void)
{
	const char *const *h;
	size_t n = editor ? lineedit_history(editor, &h) : 0;
	for (size_t i = 0; i < n; i++)
		printf("%s\n", h[i]);
}
