/* assign.c - let and export.  `let NAMES OP VALUES`: names pair with
 * values; OP may carry arithmetic (+= -= *= /= //= **= %=) or array
 * joins (++= to append, ::= to prepend). */
#include "shell/assign.h"
#include "shell/arith.h"
#include "shell/expand.h"
#include "shell/lex.h"
#include "shell/var.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct slist alias_k, alias_v;

const char *assign_alias(const char *name)
{
	for (size_t i = 0; i < alias_k.n; i++)
		if (str_eq(alias_k.v[i], name))
			return alias_v.v[i];
	return NULL;
}

int assign_set_alias(const char *name, const char *value)
{
	for (size_t i = 0; i < alias_k.n; i++)
		if (str_eq(alias_k.v[i], name)) {
			free(alias_v.v[i]);
			alias_v.v[i] = str_dup(value);
			return 0;
		}
	slist_push(&alias_k, name);
	slist_push(&alias_v, value);
	return 0;
}

int assign_unalias(const char *name)
{
	for (size_t i = 0; i < alias_k.n; i++)
		if (str_eq(alias_k.v[i], name)) {
			free(alias_k.v[i]);
			free(alias_v.v[i]);
			alias_k.v[i] = alias_k.v[--alias_k.n];
			alias_v.v[i] = alias_v.v[--alias_v.n];
			return 0;
		}
	return -1;
}

void assign_list_aliases(void)
{
	for (size_t i = 0; i < alias_k.n; i++)
		printf("alias %s = '%s'\n", alias_k.v[i], alias_v.v[i]);
}

int assign_bool(const char *s)
{
	static const char *const t[] = {"true", "1", "y", "yes", NULL};
	static const char *const f[] = {"false", "0", "n", "no", NULL};
	for (int i = 0; t[i]; i++)
		if (str_eq(s, t[i]))
			return 1;
	for (int i = 0; f[i]; i++)
		if (str_eq(s, f[i]))
			return 0;
	return -1;
}

int assign_type_ok(const char *type, const char *s)
{
	char *end;
	if (str_eq(type, "int")) {
		strtoll(s, &end, 10);
		return *s && !*end;
	}
	if (str_eq(type, "float")) {
		strtod(s, &end);
		return *s && !*end;
	}
	if (str_eq(type, "bool"))
		return assign_bool(s) >= 0;
	return str_eq(type, "str") || str_eq(type, "");
}

static const char *const ops[] = {
	"=", "+=", "-=", "*=", "/=", "//=", "**=", "%=", "++=", "::=", NULL
};

static int is_op(const char *w)
{
	if (!strchr("=+-*/%:", w[0]))	/* most words: at once */
		return 0;
	for (int i = 0; ops[i]; i++)
		if (str_eq(ops[i], w))
			return 1;
	return 0;
}

static void print_var(const char *name, const struct value *v, void *arg)
{
	(void)arg;
	if (v->t == V_STR) {
		printf("%s = %s\n", name, v->s);
		return;
	}
	char *j = slist_join(&v->a, " ");
	printf("%s = [ %s ]\n", name, j);
	free(j);
}

static int type_err(const char *name, const char *type, const char *val)
{
	fprintf(stderr, "ion: assignment error: %s: expected %s, found value '%s'\n", name, type, val);
	return 1;
}

/* Checks v against the declared type and shapes maps. */
static int typed(const char *name, const char *type, struct value *v)
{
	if (!type)
		return 0;
	int map = !strncmp(type, "hmap[", 5) || !strncmp(type, "bmap[", 5);
	if (map) {
		struct value m;
		value_arr(&m);
		m.t = V_MAP;
		m.sorted = type[0] == 'b';
		for (size_t i = 0; v->t != V_STR && i < v->a.n; i++) {
			char *eq = strchr(v->a.v[i], '=');
			if (!eq) {
				value_free(&m);
				return type_err(name, type, v->a.v[i]);
			}
			*eq = 0;
			const char *val = eq + 1;
			char *flat = NULL;
			if (*val == '[') {
				struct slist l;
				slist_init(&l);
				if (expand_word(val, &l) < 0) {
					value_free(&m);
					return 1;
				}
				flat = slist_join(&l, " ");
				slist_free(&l);
				val = flat;
			}
			value_map_set(&m, v->a.v[i], val);
			free(flat);
		}
		value_free(v);
		*v = m;
		return 0;
	}
	int arr = type[0] == '[';
	char base[16];
	snprintf(base, sizeof base, "%.*s", (int)(arr ? strlen(type) - 2 : strlen(type)), arr ? type + 1 : type);
	if (arr && v->t == V_STR)
		return type_err(name, type, v->s);
	if (!arr && v->t != V_STR)
		return type_err(name, type, "[...]");
	size_t n = arr ? v->a.n : 1;
	for (size_t i = 0; i < n; i++) {
		char **s = arr ? &v->a.v[i] : &v->s;
		if (!assign_type_ok(base, *s))
			return type_err(name, type, *s);
		if (str_eq(base, "bool")) {
			char *t = str_dup(assign_bool(*s) ? "true" : "false");
			free(*s);
			*s = t;
		}
	}
	return 0;
}

/* name[key] = value: an element of an array or a map. */
static int set_elem(const char *name, const char *key, struct value *v)
{
	struct value *t = var_get(name);
	if (!t || v->t != V_STR) {
		fprintf(stderr, "ion: assignment error: %s is not an array or map\n", name);
		return 1;
	}
	if (t->t == V_MAP) {
		value_map_set(t, key, v->s);
		return 0;
	}
	long i = strtol(key, NULL, 10);
	if (t->t != V_ARR || i < -(long)t->a.n || i >= (long)t->a.n) {
		fprintf(stderr, "ion: assignment error: index %s is out of range\n", key);
		return 1;
	}
	if (i < 0)
		i += (long)t->a.n;
	free(t->a.v[i]);
	t->a.v[i] = str_dup(v->s);
	return 0;
}

static int assign_one(const char *target, const char *op, struct value *v)
{
	char *name = str_dup(target);
	char *type = strchr(name, ':');
	char *br = strchr(name, '[');
	int r = 0;
	if (type && br && br < type) {
		/* name[key]:type = value: the element's type */
		if (type[-1] == ']' && !assign_type_ok(type + 1, v->t == V_STR ? v->s : "")) {
			r = type_err(name, type + 1, v->t == V_STR ? v->s : "[...]");
			free(name);
			value_free(v);
			return r;
		}
		*type = 0;
		type = NULL;
	}
	if (type)
		*type++ = 0;
	if (br && !type) {
		size_t n = strlen(br);
		if (n > 2 && br[n - 1] == ']') {
			br[n - 1] = 0;
			*br = 0;
			char *key;
			if (expand_str(br + 1, &key) < 0) {
				free(name);
				return 1;
			}
			r = set_elem(name, key, v);
			free(key);
			free(name);
			value_free(v);
			return r;
		}
		*br = 0;	/* name[] = [...]: an array */
	}
	if (!expand_is_name(name)) {
		fprintf(stderr, "ion: assignment error: invalid variable name '%s'\n", name);
		free(name);
		value_free(v);
		return 1;
	}
	if (!str_eq(op, "=")) {
		struct value *old = var_get(name);
		if (!old) {
			fprintf(stderr, "ion: assignment error: Variable \"%s\" does not exist\n", name);
			r = 1;
		} else if ((str_eq(op, "++=") || str_eq(op, "::=")) && old->t == V_STR && v->t == V_STR) {
			/* strings concatenate */
			struct sbuf b;
			sbuf_init(&b);
			sbuf_puts(&b, op[0] == '+' ? old->s : v->s);
			sbuf_puts(&b, op[0] == '+' ? v->s : old->s);
			free(v->s);
			v->s = sbuf_take(&b);
		} else if (str_eq(op, "++=") || str_eq(op, "::=")) {
			struct value nv;
			value_arr(&nv);
			if (op[0] == ':')
				v->t == V_STR ? slist_push(&nv.a, v->s) : slist_append(&nv.a, &v->a);
			old->t == V_STR ? slist_push(&nv.a, old->s) : slist_append(&nv.a, &old->a);
			if (op[0] == '+')
				v->t == V_STR ? slist_push(&nv.a, v->s) : slist_append(&nv.a, &v->a);
			value_free(v);
			*v = nv;
		} else if (old->t != V_STR || v->t != V_STR) {
			fprintf(stderr, "ion: assignment error: arithmetic on an array\n");
			r = 1;
		} else {
			char o[4];
			size_t ol = strlen(op) - 1;	/* "+=" -> "+" */
			memcpy(o, op, ol < sizeof o - 1 ? ol : sizeof o - 1);
			o[ol < sizeof o - 1 ? ol : sizeof o - 1] = 0;
			char *res;
			if (arith_op(old->s, o, v->s, &res) < 0) {
				r = 1;
			} else {
				if (type && !assign_type_ok(type, res))
					r = type_err(name, type, res);
				else
					var_set_str(name, res);
				free(res);
				value_free(v);
				free(name);
				return r;
			}
		}
	}
	if (r == 0)
		r = typed(name, type, v);
	if (r == 0)
		var_set(name, v);
	else
		value_free(v);
	free(name);
	return r;
}

int assign_let(const struct slist *raw)
{
	size_t op = 1;
	if (raw->n == 1) {
		var_each(print_var, NULL);
		return 0;
	}
	while (op < raw->n && !is_op(raw->v[op]))
		op++;
	if (op == raw->n) {
		/* let x=5: the operator inside the word */
		char *eq = strchr(raw->v[1], '=');
		if (raw->n == 2 && eq && eq > raw->v[1]) {
			char *name = str_ndup(raw->v[1], (size_t)(eq - raw->v[1]));
			struct value v;
			int r = expand_value(eq + 1, &v);
			r = r < 0 ? 1 : assign_one(name, "=", &v);
			free(name);
			return r;
		}
		fprintf(stderr, "ion: let: expected NAME = VALUE\n");
		return 1;
	}
	size_t nn = op - 1, nv = raw->n - op - 1;
	if (nn == 0 || nv == 0) {
		fprintf(stderr, "ion: let: expected NAME = VALUE\n");
		return 1;
	}
	struct value *vals = str_alloc(nv * sizeof *vals);
	size_t got = 0;
	int r = 0;
	for (size_t i = 0; i < nv; i++) {
		if (expand_value(raw->v[op + 1 + i], &vals[i]) < 0) {
			r = -1;
			break;
		}
		got++;
	}
	if (r == 0 && nn == 1 && nv > 1) {
		/* let x = a b: one string */
		struct sbuf b;
		sbuf_init(&b);
		for (size_t i = 0; i < nv; i++) {
			if (i)
				sbuf_putc(&b, ' ');
			if (vals[i].t == V_STR)
				sbuf_puts(&b, vals[i].s);
			else {
				char *j = slist_join(&vals[i].a, " ");
				sbuf_puts(&b, j);
				free(j);
			}
			value_free(&vals[i]);
		}
		value_str(&vals[0], b.s ? b.s : "");
		sbuf_free(&b);
		got = nv = 1;
	}
	if (r == 0 && nn != nv) {
		fprintf(stderr, "ion: let: %zu names but %zu values\n", nn, nv);
		r = 1;
	}
	for (size_t i = 0; r == 0 && i < nn; i++) {
		r = assign_one(raw->v[1 + i], raw->v[op], &vals[i]);
		memset(&vals[i], 0, sizeof vals[i]);
	}
	for (size_t i = 0; i < got; i++)
		value_free(&vals[i]);
	free(vals);
	return r < 0 ? -1 : r;
}

int assign_export(const struct slist *raw)
{
	if (raw->n == 1) {
		extern char **environ;
		for (char **e = environ; *e; e++)
			printf("%s\n", *e);
		return 0;
	}
	if (raw->n >= 4 && str_eq(raw->v[2], "=")) {
		char *val;
		struct slist rest;
		slist_init(&rest);
		for (size_t i = 3; i < raw->n; i++)
			if (expand_word(raw->v[i], &rest) < 0) {
				slist_free(&rest);
				return -1;
			}
		val = slist_join(&rest, " ");
		slist_free(&rest);
		int r = setenv(raw->v[1], val, 1);
		free(val);
		return r < 0;
	}
	for (size_t i = 1; i < raw->n; i++) {
		char *eq = strchr(raw->v[i], '=');
		if (eq) {
			char *name = str_ndup(raw->v[i], (size_t)(eq - raw->v[i]));
			char *val;
			if (expand_str(eq + 1, &val) < 0) {
				free(name);
				return -1;
			}
			setenv(name, val, 1);
			free(name);
			free(val);
			continue;
		}
		const struct value *v = var_get(raw->v[i]);
		if (v && v->t == V_STR)
			setenv(raw->v[i], v->s, 1);
		else if (!getenv(raw->v[i])) {
			fprintf(stderr, "ion: export: %s: no such variable\n", raw->v[i]);
			return 1;
		}
	}
	return 0;
}
