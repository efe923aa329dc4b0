/* func.c - ion functions: the table, typed arguments, calls.  A call
 * runs in a scope whose outer scopes are those where the function was
 * defined. */
#include "shell/func.h"
#include "shell/assign.h"
#include "shell/exec.h"
#include "shell/expand.h"
#include "shell/var.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fn {
	char *name;
	struct node *n;
	int depth;
};

static struct fn *fns;
static size_t nfns;

static struct fn *fn_find(const char *name)
{
	for (size_t i = 0; i < nfns; i++)
		if (str_eq(fns[i].name, name))
			return &fns[i];
	return NULL;
}

int func_exists(const char *name)
{
	return fn_find(name) != NULL;
}

void func_list(void)
{
	printf("# Functions\n");
	for (size_t i = 0; i < nfns; i++)
		printf("    %s -- %s\n", fns[i].name, fns[i].n->doc ? fns[i].n->doc : "");
}

void func_define(struct node *n)
{
	struct fn *f = fn_find(n->words.v[0]);
	if (!f) {
		fns = str_realloc(fns, (nfns + 1) * sizeof *fns);
		f = &fns[nfns++];
		f->name = str_dup(n->words.v[0]);
	} else {
		node_free(f->n);
	}
	n->refs++;
	f->n = n;
	f->depth = var_depth();
}

/* Checks an argument against a type like int, float, bool, str, [int]. */
static int type_ok(const char *type, const struct value *v)
{
	int arr = type[0] == '[';
	char base[16];
	snprintf(base, sizeof base, "%.*s", (int)(arr ? strlen(type) - 2 : strlen(type)), arr ? type + 1 : type);
	if (arr != (v->t == V_ARR))
		return 0;
	size_t n = arr ? v->a.n : 1;
	for (size_t i = 0; i < n; i++)
		if (!assign_type_ok(base, arr ? v->a.v[i] : v->s))
			return 0;
	return 1;
}

/* Calls, sources and evals nest on the C stack: bound them so runaway
 * recursion is an error, not a crash. */
#define EXEC_MAX_DEPTH 200
static int depth;

int func_enter(void)
{
	if (depth < EXEC_MAX_DEPTH) {
		depth++;
		return 0;
	}
	fprintf(stderr, "ion: functions, source and eval nest deeper than %d\n", EXEC_MAX_DEPTH);
	if (!exec_interactive())
		exec_set_ctl(CTL_EXIT);
	return -1;
}

void func_leave(void)
{
	depth--;
}

int func_count(void)
{
	return (int)nfns;
}

int func_call(const char *name, struct slist *raw)
{
	struct fn *f = fn_find(name);
	if (!f)
		return -2;
	if (func_enter() < 0)
		return 1;
	struct node *n = f->n;
	struct slist argv;
	size_t want = n->words.n - 1;
	slist_init(&argv);
	/* array arguments keep their shape, so expand each word to a value */
	struct value *vals = str_alloc((raw->n + 1) * sizeof *vals);
	size_t nv = 0;
	int r = 0;
	for (size_t i = 1; i < raw->n && r == 0; i++) {
		r = expand_value(raw->v[i], &vals[nv]);
		if (r == 0)
			nv++;
	}
	if (r == 0 && nv != want) {
		fprintf(stderr, "ion: function %s takes %zu argument%s, got %zu\n", f->name, want, want == 1 ? "" : "s", nv);
		r = -1;
	}
	for (size_t i = 0; r == 0 && i < want; i++) {
		const char *colon = strchr(n->words.v[i + 1], ':');
		if (colon && !type_ok(colon + 1, &vals[i])) {
			fprintf(stderr, "ion: function argument has invalid type: expected %s, found value '%s'\n",
			    colon + 1, vals[i].t == V_STR ? vals[i].s : "[...]");
			r = -1;
		}
	}
	if (r < 0) {
		for (size_t i = 0; i < nv; i++)
			value_free(&vals[i]);
		free(vals);
		return 1;
	}
	var_push_fn(f->depth);
	n->refs++;
	for (size_t i = 0; i < want; i++) {
		char *name = str_dup(n->words.v[i + 1]);
		char *colon = strchr(name, ':');
		if (colon)
			*colon = 0;
		var_local(name, &vals[i]);
		free(name);
	}
	free(vals);
	int st = 0;
	for (size_t i = 0; i < n->body.n && exec_ctl() == CTL_NONE; i++)
		st = exec_node(n->body.v[i]);
	func_leave();
	if (exec_ctl() == CTL_RETURN) {
		exec_set_ctl(CTL_NONE);
		st = exec_status();
	}
	node_free(n);
	var_pop();
	return st;
}

