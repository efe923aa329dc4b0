/*
 * lineedit.h - the interactive shell's line editor: a prompt, a line the
 * user edits in place (arrows, Home/End, Ctrl-A/E/U/K/W/L, Delete), the
 * history (Up/Down, Ctrl-R search, kept in a file) and Tab completion
 * through a function the shell gives.  On a terminal it switches to raw
 * mode for the length of one line; elsewhere it just reads a line.
 */
#ifndef SHELL_LINEEDIT_H
#define SHELL_LINEEDIT_H

#include <stddef.h>

/*
 * Completion: for the line and the cursor in it, sets *start to where
 * the word being completed begins and *out to a malloc'd array of
 * malloc'd candidates (whole words, replacing line[*start..cursor]); a
 * candidate ending in '/' is a directory and gets no space after it.
 * Returns how many.
 */
typedef size_t (*lineedit_complete_fn)(void *ctx, const char *line, size_t cursor,
    size_t *start, char ***out);

struct lineedit;

/* An editor reading in and writing out (NULL only if out of memory). */
struct lineedit *lineedit_new(int in, int out);
void lineedit_free(struct lineedit *le);
void lineedit_set_complete(struct lineedit *le, lineedit_complete_fn fn, void *ctx);

/*
 * Shows prompt and returns the line typed (malloc'd, without its
 * newline), or NULL at end of input (Ctrl-D on an empty line, or the
 * input ended).  Ctrl-C abandons the line: an empty string is returned.
 */
char *lineedit_read(struct lineedit *le, const char *prompt);

/* History: add (empty lines and repeats of the last are skipped), the
 * entries oldest first, and a file of one entry per line. */
/* 1 if added (not empty, not the same as the last). */
int lineedit_history_add(struct lineedit *le, const char *line);
size_t lineedit_history(const struct lineedit *le, const char *const **lines);
/* The lines the file held, or -errno. */
int lineedit_history_load(struct lineedit *le, const char *path);
int lineedit_history_append(const char *path, const char *line);
int lineedit_history_save(const struct lineedit *le, const char *path);

#endif
