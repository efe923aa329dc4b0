/* rand.h - seed bytes for the core's CSPRNG (rand.c: hal_random_seed). */
#ifndef HAL_X86_64_RAND_H
#define HAL_X86_64_RAND_H
#endif
