/*
 * vm.c - regions and the mappings behind them.
 *
 * The list is the truth the core checks user pointers against; the HAL
 * does the mapping.  In hosted mode every process shares the host's
 * address space, so the core never picks addresses: the HAL returns them,
 * and MAP_FIXED is honoured only inside the caller's own regions.
 */
#include "core/abi.h"
#include "core/kmem.h"
#include "core/vm.h"
#include "hal/hal.h"

#define PAGE ((uintptr_t)HAL_PAGE_SIZE)
#define PAGE_UP(x) (((x) + PAGE - 1) & ~(PAGE - 1))

/* Pages of accessible user regions in all processes (limits.c's reserve). */
static size_t committed;

size_t
vm_committed(void)
{
	return committed;
}

/* A region enters (sign 1) or leaves (-1) the counts. */
static void
account(struct vm *vm, const struct region *r, int sign)
{
	size_t n = r->len / PAGE;
	if (sign > 0) {
		vm->pages += n;
		if (r->prot) {
			committed += n;
			vm->live += n;
			if (vm->live > vm->peak)
				vm->peak = vm->live;
		}
	} else {
		vm->pages -= n;
		if (r->prot) {
			committed -= n;
			vm->live -= n;
		}
	}
}

struct vm *
vm_new(void)
{
	struct vm *vm = kmem_alloc(sizeof *vm);
	if (!vm)
		return NULL;
	list_init(&vm->regions);
	vm->as = hal_as_new();
	if (!vm->as) {
		kmem_free(vm);
		return NULL;
	}
	return vm;
}

bool
vm_empty(const struct vm *vm)
{
	return list_empty(&vm->regions);
}

void
vm_free(struct vm *vm)
{
	struct list *l, *n;
	if (!vm)
		return;
	/* No unmap per region: freeing the space frees its mappings, at
	 * the price of one TLB flush instead of one per region. */
	list_for_each_safe(l, n, &vm->regions) {
		struct region *r = list_entry(l, struct region, link);
		account(vm, r, -1);
		list_remove(&r->link);
		kmem_free(r);
	}
	hal_as_free(vm->as);
	kmem_free(vm);
}

int
vm_region_add(struct vm *vm, uintptr_t start, size_t len, int prot, enum region_kind kind)
{
	struct region *r = kmem_alloc(sizeof *r);
	if (!r)
		return -ENOMEM;
	r->start = start;
	r->len = len;
	r->prot = prot;
	r->kind = kind;
	struct list *l;
	list_for_each(l, &vm->regions) {
		if (list_entry(l, struct region, link)->start > start)
			break;
	}
	list_insert_before(l, &r->link);
	account(vm, r, 1);
	return 0;
}

/* Makes sure no region straddles x, splitting the one that does. */
static int
split_at(struct vm *vm, uintptr_t x)
{
	struct list *l;
	list_for_each(l, &vm->regions) {
		struct region *r = list_entry(l, struct region, link);
		if (r->start < x && x < r->start + r->len) {
			struct region *tail = kmem_alloc(sizeof *tail);
			if (!tail)
				return -ENOMEM;
			*tail = *r;
			tail->start = x;
			tail->len = r->start + r->len - x;
			r->len = x - r->start;
			list_insert_before(r->link.next, &tail->link);
			return 0;
		}
	}
	return 0;
}

/*
 * Takes [a, b) out of the list, splitting regions that straddle its ends.
 * The regions taken go to `out` if given (protect re-adds them), else
 * they are freed.
 */
static int
carve(struct vm *vm, uintptr_t a, uintptr_t b, struct list *out)
{
	int e = split_at(vm, a);
	if (!e)
		e = split_at(vm, b);
	if (e)
		return e;
	struct list *l, *n;
	list_for_each_safe(l, n, &vm->regions) {
		struct region *r = list_entry(l, struct region, link);
		if (r->start < a || r->start + r->len > b)
			continue;
		list_remove(&r->link);
		account(vm, r, -1);
		if (out)
			list_push_back(out, &r->link);
		else
			kmem_free(r);
	}
	return 0;
}

static bool
covered(const struct vm *vm, uintptr_t a, uintptr_t b, int prot)
{
	const struct list *l;
	for (l = vm->regions.next; l != &vm->regions && a < b; l = l->next) {
		const struct region *r = list_entry(l, struct region, link);
		if (r->start + r->len <= a)
			continue;
		if (r->start > a || (r->prot & prot) != prot)
			return false;
		a = r->start + r->len;
	}
	return a >= b;
}

uintptr_t
vm_image_start(const struct vm *vm)
{
	const struct list *l;
	for (l = vm->regions.next; l != &vm->regions; l = l->next) {
		const struct region *r = list_entry(l, struct region, link);
		if (r->kind == R_IMAGE)
			return r->start;	/* sorted: the lowest */
	}
	return 0;
}

bool
vm_check(const struct vm *vm, uintptr_t p, size_t len, int prot)
{
	if (len == 0)
		return true;
	if (p + len < p)
		return false;
	return covered(vm, p, p + len, prot);
}

size_t
vm_span(const struct vm *vm, uintptr_t p, int prot)
{
	uintptr_t a = p;
	const struct list *l;
	for (l = vm->regions.next; l != &vm->regions; l = l->next) {
		const struct region *r = list_entry(l, struct region, link);
		if (r->start + r->len <= a)
			continue;
		if (r->start > a || (r->prot & prot) != prot)
			break;
		a = r->start + r->len;
	}
	return a - p;
}

size_t
vm_span_down(const struct vm *vm, uintptr_t p, int prot)
{
	uintptr_t lo = p + 1;
	const struct list *l;
	/* Walk backwards over adjacent regions that allow prot. */
	for (l = vm->regions.prev; l != &vm->regions; l = l->prev) {
		const struct region *r = list_entry(l, struct region, link);
		if (r->start >= lo)
			continue;
		if (r->start + r->len < lo || (r->prot & prot) != prot)
			break;
		lo = r->start;
	}
	return p + 1 - lo;
}

int
vm_map(struct vm *vm, uintptr_t *addr, size_t len, int prot, enum region_kind kind)
{
	if (len == 0 || len > ((size_t)1 << 40))
		return -EINVAL;
	len = PAGE_UP(len);
	if (*addr) {
		if (*addr & (PAGE - 1))
			return -EINVAL;
		if (!vm_check(vm, *addr, len, 0))
			return -ENOMEM;	/* not inside our own reservation */
		int e = carve(vm, *addr, *addr + len, NULL);
		if (e)
			return e;
	}
	uintptr_t a = *addr;
	int e = hal_map(vm->as, &a, len, prot);
	if (e)
		return e;
	e = vm_region_add(vm, a, len, prot, kind);
	if (e) {
		hal_unmap(vm->as, a, len);
		return e;
	}
	*addr = a;
	return 0;
}

int
vm_unmap(struct vm *vm, uintptr_t addr, size_t len)
{
	if ((addr & (PAGE - 1)) || len == 0 || addr + len < addr)
		return -EINVAL;
	len = PAGE_UP(len);
	struct list gone = LIST_INIT(gone);
	int e = carve(vm, addr, addr + len, &gone);
	struct list *l, *n;
	list_for_each_safe(l, n, &gone) {
		struct region *r = list_entry(l, struct region, link);
		hal_unmap(vm->as, r->start, r->len);
		list_remove(&r->link);
		kmem_free(r);
	}
	return e;
}

size_t
vm_inaccessible(const struct vm *vm, uintptr_t addr, size_t len)
{
	uintptr_t end = addr + len < addr ? UINTPTR_MAX : addr + len;
	size_t n = 0;
	const struct list *l;
	for (l = vm->regions.next; l != &vm->regions; l = l->next) {
		const struct region *r = list_entry(l, struct region, link);
		uintptr_t a = r->start > addr ? r->start : addr;
		uintptr_t b = r->start + r->len < end ? r->start + r->len : end;
		if (!r->prot && a < b)
			n += (b - a + PAGE - 1) / PAGE;
	}
	return n;
}

int
vm_protect(struct vm *vm, uintptr_t addr, size_t len, int prot)
{
	if ((addr & (PAGE - 1)) || len == 0 || addr + len < addr)
		return -EINVAL;
	len = PAGE_UP(len);
	if (!vm_check(vm, addr, len, 0))
		return -ENOMEM;
	int e = hal_protect(vm->as, addr, len, prot);
	if (e)
		return e;
	struct list pieces = LIST_INIT(pieces);
	e = carve(vm, addr, addr + len, &pieces);
	struct list *l, *n;
	list_for_each_safe(l, n, &pieces) {
		struct region *r = list_entry(l, struct region, link);
		list_remove(&r->link);
		if (vm_region_add(vm, r->start, r->len, prot, r->kind) != 0)
			e = -ENOMEM;
		kmem_free(r);
	}
	return e;
}

int
vm_brk_reserve(struct vm *vm, size_t max)
{
	uintptr_t a = 0;
	int e = vm_map(vm, &a, max, 0, R_BRK);
	if (e)
		return e;
	vm->brk_start = vm->brk_cur = a;
	vm->brk_end = a + PAGE_UP(max);
	return 0;
}

uintptr_t
vm_brk(struct vm *vm, uintptr_t want)
{
	if (want == 0 || want < vm->brk_start || want > vm->brk_end)
		return vm->brk_cur;
	uintptr_t old_top = PAGE_UP(vm->brk_cur), new_top = PAGE_UP(want);
	int rw = HAL_PROT_READ | HAL_PROT_WRITE;
	if (new_top > old_top && vm_protect(vm, old_top, new_top - old_top, rw) != 0)
		return vm->brk_cur;
	if (new_top < old_top)
		vm_protect(vm, new_top, old_top - new_top, 0);
	vm->brk_cur = want;
	return want;
}

/* The prot and kind of [a, b) if one kind and prot with no hole covers
 * it; false otherwise. */
static bool
uniform(const struct vm *vm, uintptr_t a, uintptr_t b, int *prot, enum region_kind *kind)
{
	bool first = true;
	const struct list *l;
	for (l = vm->regions.next; l != &vm->regions && a < b; l = l->next) {
		const struct region *r = list_entry(l, struct region, link);
		if (r->start + r->len <= a)
			continue;
		if (r->start > a)
			return false;
		if (first) {
			*prot = r->prot;
			*kind = r->kind;
			first = false;
		} else if (r->prot != *prot || r->kind != *kind) {
			return false;
		}
		a = r->start + r->len;
	}
	return !first && a >= b;
}

/* Copies len bytes of user memory from src to dst (both checked). */
static int
copy_user(uintptr_t dst, uintptr_t src, size_t len)
{
	size_t chunk = 64 * 1024;
	void *buf = kmem_alloc(chunk);
	if (!buf)
		return -ENOMEM;
	int e = 0;
	for (size_t off = 0; off < len && !e; off += chunk) {
		size_t n = len - off < chunk ? len - off : chunk;
		if (hal_copy_from_user(buf, src + off, n) != 0 ||
		    hal_copy_to_user(dst + off, buf, n) != 0)
			e = -EFAULT;
	}
	kmem_free(buf);
	return e;
}

int
vm_remap(struct vm *vm, uintptr_t old, size_t old_len, size_t new_len, int flags,
    uintptr_t *addr)
{
	int prot, e;
	enum region_kind kind;
	bool fixed = flags & MREMAP_FIXED;

	if ((old & (PAGE - 1)) || old_len == 0 || new_len == 0 ||
	    old_len > ((size_t)1 << 40) || new_len > ((size_t)1 << 40))
		return -EINVAL;
	old_len = PAGE_UP(old_len);
	new_len = PAGE_UP(new_len);
	if (!uniform(vm, old, old + old_len, &prot, &kind))
		return -EFAULT;		/* Linux's answer: not one mapping */
	if (kind != R_ANON && kind != R_SHARED)
		return -EINVAL;		/* the image, stack and brk stay put */
	if (!fixed && new_len <= old_len) {
		if (new_len < old_len && (e = vm_unmap(vm, old + new_len, old_len - new_len)) != 0)
			return e;
		*addr = old;
		return 0;
	}
	/* In place over the program's own PROT_NONE reservation after it. */
	uintptr_t end = old + old_len, want = old + new_len;
	int rprot;
	enum region_kind rkind;
	if (!fixed && uniform(vm, end, want, &rprot, &rkind) && rprot == 0 && rkind == R_ANON) {
		if (prot && (e = vm_protect(vm, end, want - end, prot)) != 0)
			return e;
		*addr = old;
		return 0;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	uintptr_t n = fixed ? *addr : 0;
	if (fixed && ((n & (PAGE - 1)) || n + new_len < n ||
	    (n < old + old_len && old < n + new_len)))
		return -EINVAL;
	if ((e = vm_map(vm, &n, new_len, prot, kind)) != 0)
		return e;
	/* Unreadable pages hold nothing a program could have seen. */
	if ((prot & HAL_PROT_READ) &&
	    (e = copy_user(n, old, old_len < new_len ? old_len : new_len)) != 0) {
		vm_unmap(vm, n, new_len);
		return e;
	}
	vm_unmap(vm, old, old_len);
	*addr = n;
	return 0;
}
