/* scheme.c - the registry of schemes, and the open file descriptions. */
#include "core/abi.h"
#include "core/kmem.h"
#include "core/scheme.h"
#include "core/str.h"

static struct list schemes = LIST_INIT(schemes);

static bool
valid_name(const char *name, size_t len)
{
	if (len == 0 || len >= SCHEME_NAME_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if (name[i] == ':' || name[i] == '/' || name[i] <= ' ' || name[i] == 0x7f)
			return false;
	return true;
}

static struct scheme *
lookup(const char *name, size_t len)
{
	struct list *l;
	list_for_each(l, &schemes) {
		struct scheme *s = list_entry(l, struct scheme, link);
		if (str_eqn(name, len, s->name))
			return s;
	}
	return NULL;
}

int
scheme_register(const char *name, size_t len, const struct scheme_ops *ops,
    void *priv, struct scheme **out)
{
	if (!valid_name(name, len))
		return -EINVAL;
	if (lookup(name, len))
		return -EEXIST;
	struct scheme *s = kmem_alloc(sizeof *s);
	if (!s)
		return -ENOMEM;
	str_copy(s->name, sizeof s->name, name, len);
	s->ops = ops;
	s->priv = priv;
	s->refs = 1;
	s->registered = true;
	list_push_back(&schemes, &s->link);
	if (out)
		*out = s;
	return 0;
}

void
scheme_unregister(struct scheme *s)
{
	if (!s->registered)
		return;
	s->registered = false;
	list_remove(&s->link);
	scheme_put(s);
}

struct scheme *
scheme_find(const char *name, size_t len)
{
	struct scheme *s = lookup(name, len);
	if (s)
		s->refs++;
	return s;
}

void
scheme_get(struct scheme *s)
{
	s->refs++;
}

void
scheme_put(struct scheme *s)
{
	if (--s->refs)
		return;
	if (s->ops->release)
		s->ops->release(s);
	kmem_free(s);
}

size_t
scheme_list(char *buf, size_t cap)
{
	size_t n = 0;
	struct list *l;
	list_for_each(l, &schemes) {
		struct scheme *s = list_entry(l, struct scheme, link);
		size_t k = str_len(s->name);
		if (n + k + 1 <= cap) {
			memcpy(buf + n, s->name, k);
			buf[n + k] = '\n';
		}
		n += k + 1;
	}
	return n;
}
