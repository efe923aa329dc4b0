/* usercopy.c - checked copies between the core and user memory. */
#include "core/abi.h"
#include "core/proc.h"
#include "core/usercopy.h"
#include "core/vm.h"
#include "hal/hal.h"

int
uc_check(uintptr_t p, size_t len, int write)
{
	struct proc *pr = proc_current();
	int prot = write ? HAL_PROT_WRITE : HAL_PROT_READ;
	return pr && pr->vm && vm_check(pr->vm, p, len, prot);
}

int
uc_copy_in(void *dst, uintptr_t src, size_t len)
{
	if (len == 0)
		return 0;
	if (!uc_check(src, len, 0))
		return -EFAULT;
	return hal_copy_from_user(dst, src, len);
}

int
uc_copy_out(uintptr_t dst, const void *src, size_t len)
{
	if (len == 0)
		return 0;
	if (!uc_check(dst, len, 1))
		return -EFAULT;
	return hal_copy_to_user(dst, src, len);
}

long
uc_strlen(uintptr_t p, size_t max, int errmax)
{
	struct proc *pr = proc_current();
	size_t span = vm_span(pr->vm, p, HAL_PROT_READ);
	char chunk[64];
	size_t n = 0;

	while (n <= max) {
		if (n >= span)
			return -EFAULT;
		size_t k = span - n < sizeof chunk ? span - n : sizeof chunk;
		if (hal_copy_from_user(chunk, p + n, k) != 0)
			return -EFAULT;
		for (size_t i = 0; i < k; i++)
			if (chunk[i] == 0)
				return n + i <= max ? (long)(n + i) : errmax;
		n += k;
	}
	return errmax;
}
