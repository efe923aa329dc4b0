/* kt_spin - spins forever without a syscall (a CPU hog for the scheduler). */
int
main(void)
{
	for (volatile unsigned long n = 0;; n++)
		;
}
