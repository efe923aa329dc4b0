/* main.c - the core's boot: banner, then hand over to the first process. */
#include "core/log.h"
#include "core/version.h"
#include "hal/hal.h"

_Noreturn void
core_main(void)
{
	const struct hal_bootinfo *bi = hal_boot_info();

	log_printf("%s %s (%s) - a microkernel OS where everything is a URL\n",
	    OS_NAME, OS_VERSION, bi->backend);
	log_printf("core: initfs %zu bytes, cmdline \"%s\"\n", bi->initfs_len, bi->cmdline);
	hal_poweroff(0);
}
