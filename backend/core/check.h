#pragma once
// An assertion that stays on in release builds: for illegal state transitions and broken
// invariants, where carrying on would corrupt state. It names the condition and the place.

#include <cstdio>
#include <cstdlib>

#define EC_CHECK(cond)                                                                             \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            std::fprintf(stderr, "edgecore: check failed: %s at %s:%d\n", #cond, __FILE__,         \
                         __LINE__);                                                                \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)
