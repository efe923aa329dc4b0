/* assert.h - may be included many times; NDEBUG is checked each time. */
#include <features.h>

#undef assert
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
__BEGIN_DECLS
__noreturn void __assert_fail(const char *expr, const char *file, int line,
    const char *func);
__END_DECLS
#define assert(e) ((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#ifndef __cplusplus
#define static_assert _Static_assert
#endif
