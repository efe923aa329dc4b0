/* sysfs.h - sys:, the kernel's text files about itself. */
#ifndef CORE_SYSFS_H
#define CORE_SYSFS_H

int sysfs_init(void);

#endif
