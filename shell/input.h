/* input.h - where command text comes from: files, stdin, the terminal.
 * A line editor replaces input_line later. */
#ifndef SHELL_INPUT_H
#define SHELL_INPUT_H

/* The whole file (NULL after printing the error). */
char *input_read_file(const char *path);
/* All of fd 0 (non-interactive stdin). */
char *input_read_stdin(void);
/* One line from the terminal after printing prompt; NULL at end. */
char *input_line(const char *prompt);
void input_history_add(const char *line);
void input_history_print(void);

#endif
