/* qsort as heapsort: O(n log n) always, no recursion, no extra memory. */
#include <stdlib.h>

static void swap(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

struct cmp {
	int (*fn)(const void *, const void *);
	int (*fn_r)(const void *, const void *, void *);
	void *arg;
};

static int call(const struct cmp *c, const void *a, const void *b)
{
	return c->fn ? c->fn(a, b) : c->fn_r(a, b, c->arg);
}

/* Moves element i down until the heap below it is ordered. */
static void sift(char *base, size_t i, size_t n, size_t size, const struct cmp *c)
{
	for (;;) {
		size_t big = i, l = 2 * i + 1, r = l + 1;
		if (l < n && call(c, base + l * size, base + big * size) > 0)
			big = l;
		if (r < n && call(c, base + r * size, base + big * size) > 0)
			big = r;
		if (big == i)
			return;
		swap(base + i * size, base + big * size, size);
		i = big;
	}
}

static void heapsort(char *base, size_t n, size_t size, const struct cmp *c)
{
	size_t i;

	if (n < 2)
		return;
	for (i = n / 2; i-- > 0;)
		sift(base, i, n, size, c);
	for (i = n - 1; i > 0; i--) {
		swap(base, base + i * size, size);
		sift(base, 0, i, size, c);
	}
}

void qsort(void *base, size_t n, size_t size, int (*fn)(const void *, const void *))
{
	struct cmp c = { fn, NULL, NULL };

	heapsort(base, n, size, &c);
}

void qsort_r(void *base, size_t n, size_t size,
    int (*fn)(const void *, const void *, void *), void *arg)
{
	struct cmp c = { NULL, fn, arg };

	heapsort(base, n, size, &c);
}

void *bsearch(const void *key, const void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	const char *lo = base;

	while (n > 0) {
		const char *mid = lo + (n / 2) * size;
		int r = cmp(key, mid);
		if (r == 0)
			return (void *)mid;
		if (r > 0) {
			lo = mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return NULL;
}
