#include <stddef.h>
#include "tests/net/check.h"
const struct net_test app_tests[] = { { NULL, NULL } };
