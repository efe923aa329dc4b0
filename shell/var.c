/* var.c - scoped variables.  Scopes are a stack; each one names the scope
 * lookups continue in, so a function sees its own locals and then the scopes
 * it was defined in, not its caller's. */
#include "shell/var.h"
#include <stdlib.h>
#include <string.h>

struct var {
	char *name;
	struct value v;
};

struct scope {
	struct var *vars;
	size_t n, cap;
	int parent;
};

static struct scope *scopes;
static int nscopes, capscopes;

void value_str(struct value *v, const char *s)
{
	memset(v, 0, sizeof *v);
	v->t = V_STR;
	v->s = str_dup(s);
}

void value_arr(struct value *v)
{
	memset(v, 0, sizeof *v);
	v->t = V_ARR;
}

void value_copy(struct value *dst, const struct value *src)
{
	*dst = *src;
	dst->s = src->s ? str_dup(src->s) : NULL;
	slist_copy(&dst->a, &src->a);
	slist_copy(&dst->k, &src->k);
}

void value_free(struct value *v)
{
	free(v->s);
	v->s = NULL;
	slist_free(&v->a);
	slist_free(&v->k);
}

const char *value_map_get(const struct value *v, const char *key)
{
	for (size_t i = 0; i < v->k.n; i++)
		if (str_eq(v->k.v[i], key))
			return v->a.v[i];
	return NULL;
}

void value_map_set(struct value *v, const char *key, const char *val)
{
	for (size_t i = 0; i < v->k.n; i++)
		if (str_eq(v->k.v[i], key)) {
			free(v->a.v[i]);
			v->a.v[i] = str_dup(val);
			return;
		}
	slist_push(&v->k, key);
	slist_push(&v->a, val);
	if (!v->sorted)
		return;
	/* keep a bmap ordered: bubble the new key into place */
	for (size_t i = v->k.n - 1; i > 0 && strcmp(v->k.v[i - 1], v->k.v[i]) > 0; i--) {
		char *t = v->k.v[i]; v->k.v[i] = v->k.v[i - 1]; v->k.v[i - 1] = t;
		t = v->a.v[i]; v->a.v[i] = v->a.v[i - 1]; v->a.v[i - 1] = t;
	}
}

int var_depth(void)
{
	return nscopes;
}

static void var_open(int parent)
{
	if (nscopes == capscopes) {
		capscopes = capscopes ? capscopes * 2 : 16;
		scopes = str_realloc(scopes, capscopes * sizeof *scopes);
	}
	struct scope *s = &scopes[nscopes++];
	s->vars = NULL;
	s->n = s->cap = 0;
	s->parent = parent;
}

void var_push(void)
{
	var_open(nscopes - 1);
}

void var_push_fn(int def_depth)
{
	var_open(def_depth - 1);
}

void var_pop(void)
{
	if (nscopes <= 1)
		return;
	struct scope *s = &scopes[--nscopes];
	for (size_t i = 0; i < s->n; i++) {
		free(s->vars[i].name);
		value_free(&s->vars[i].v);
	}
	free(s->vars);
}

static struct var *var_find(const char *name)
{
	if (!nscopes)
		var_open(-1);
	for (int i = nscopes - 1; i >= 0; i = scopes[i].parent) {
		struct scope *s = &scopes[i];
		for (size_t j = 0; j < s->n; j++)
			if (str_eq(s->vars[j].name, name))
				return &s->vars[j];
	}
	return NULL;
}

struct value *var_get(const char *name)
{
	struct var *v = var_find(name);
	return v ? &v->v : NULL;
}

void var_local(const char *name, struct value *v)
{
	if (!nscopes)
		var_open(-1);
	struct scope *s = &scopes[nscopes - 1];
	for (size_t j = 0; j < s->n; j++)
		if (str_eq(s->vars[j].name, name)) {
			value_free(&s->vars[j].v);
			s->vars[j].v = *v;
			return;
		}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->vars = str_realloc(s->vars, s->cap * sizeof *s->vars);
	}
	s->vars[s->n].name = str_dup(name);
	s->vars[s->n].v = *v;
	s->n++;
}

void var_set(const char *name, struct value *v)
{
	struct var *old = var_find(name);
	if (old) {
		value_free(&old->v);
		old->v = *v;
		return;
	}
	var_local(name, v);
}

void var_set_str(const char *name, const char *s)
{
	struct var *old = var_find(name);
	if (old && old->v.t == V_STR) {
		/* the hot path of `let i += 1`: reuse the variable */
		free(old->v.s);
		old->v.s = str_dup(s);
		return;
	}
	struct value v;
	value_str(&v, s);
	var_set(name, &v);
}

void var_local_str(const char *name, const char *s)
{
	struct value v;
	value_str(&v, s);
	var_local(name, &v);
}

int var_unset(const char *name)
{
	for (int i = nscopes - 1; i >= 0; i = scopes[i].parent) {
		struct scope *s = &scopes[i];
		for (size_t j = 0; j < s->n; j++)
			if (str_eq(s->vars[j].name, name)) {
				free(s->vars[j].name);
				value_free(&s->vars[j].v);
				s->vars[j] = s->vars[--s->n];
				return 0;
			}
	}
	return -1;
}

void var_each(void (*fn)(const char *, const struct value *, void *), void *arg)
{
	for (int i = nscopes - 1; i >= 0; i = scopes[i].parent) {
		struct scope *s = &scopes[i];
		for (size_t j = 0; j < s->n; j++)
			fn(s->vars[j].name, &s->vars[j].v, arg);
	}
}
