/* var.h - shell variables: strings, arrays and maps in nested scopes. */
#ifndef SHELL_VAR_H
#define SHELL_VAR_H
#include "shell/str.h"

enum vtype { V_STR, V_ARR, V_MAP };

/* A map keeps its keys in k and the matching values in a. */
struct value {
	enum vtype t;
	char *s;
	struct slist a;
	struct slist k;
	int sorted;	/* bmap: keys kept in order */
};

void value_str(struct value *v, const char *s);
void value_arr(struct value *v);
void value_copy(struct value *dst, const struct value *src);
void value_free(struct value *v);
const char *value_map_get(const struct value *v, const char *key);
void value_map_set(struct value *v, const char *key, const char *val);

/* Scopes: var_push(0) opens a block scope; var_push_fn(depth) opens a
 * function scope whose outer scopes are those at its definition. */
int var_depth(void);
void var_push(void);
void var_push_fn(int def_depth);
void var_pop(void);

struct value *var_get(const char *name);
/* Assigns to the visible variable of that name, or defines it here. */
void var_set(const char *name, struct value *v);	/* takes v */
void var_set_str(const char *name, const char *s);
void var_local_str(const char *name, const char *s);
void var_local(const char *name, struct value *v);
int var_unset(const char *name);
/* Calls fn for every visible variable, innermost first. */
void var_each(void (*fn)(const char *name, const struct value *v, void *arg), void *arg);

#endif
