#include <stddef.h>
#include "tests/net/check.h"
const struct net_test ip_tests[] = { { NULL, NULL } };
