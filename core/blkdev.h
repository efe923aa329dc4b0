/* blkdev.h - disk:N, the HAL's block devices as a scheme. */
#ifndef CORE_BLKDEV_H
#define CORE_BLKDEV_H

int blkdev_init(void);
/* HAL_EV_BLOCK: finishes the requests the HAL completed. */
void blkdev_event(void);

#endif
