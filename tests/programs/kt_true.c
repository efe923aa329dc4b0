/* kt_true - exits 0 at once (for spawn tests and benchmarks). */
int
main(void)
{
	return 0;
}
