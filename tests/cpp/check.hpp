// check.hpp: the small harness the C++ client's tests share: CHECK, EXPECT_ERROR (a call
// must throw groggy::Error with a status, an operation and the library's own message) and
// texts() for comparing key lists. Each program prints "N passed, 0 failed" at the end.

#ifndef GROGGY_TESTS_CHECK_HPP
#define GROGGY_TESTS_CHECK_HPP

#include "groggy.hpp"

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

using groggy::Bytes;
using groggy::Error;
using groggy::Graph;
using groggy::Key;
using groggy::Keys;
using groggy::Value;

inline int passed = 0;

#define CHECK(cond)                                                                          \
    do {                                                                                     \
        if (!(cond)) {                                                                       \
            std::fprintf(stderr, "%s:%d: CHECK FAILED: %s\n", __FILE__, __LINE__, #cond);   \
            std::exit(1);                                                                    \
        }                                                                                    \
        ++passed;                                                                            \
    } while (0)

// Runs f, which must throw groggy::Error with this status and operation; the message is
// the library's own, unchanged.
inline void expect_error(gr_status status, const char *operation, const std::function<void()> &f,
                         int line) {
    try {
        f();
    } catch (const Error &e) {
        if (e.status() != status || e.operation() != operation ||
            std::string(e.what()) != gr_last_error_message()) {
            std::fprintf(stderr, "line %d: got status %d, operation '%s', message '%s'\n", line,
                         e.status(), e.operation().c_str(), e.what());
            std::exit(1);
        }
        ++passed;
        return;
    }
    std::fprintf(stderr, "line %d: no groggy::Error thrown\n", line);
    std::exit(1);
}
#define EXPECT_ERROR(status, op, body) expect_error(status, op, [&] { body; }, __LINE__)

inline std::vector<std::string> texts(const Keys &keys) {
    std::vector<std::string> out;
    for (Key k : keys) {
        std::ostringstream s;
        s << (k.is_int() ? "i" : "s") << k;
        out.push_back(s.str());
    }
    return out;
}
using Strings = std::vector<std::string>;

#endif // GROGGY_TESTS_CHECK_HPP
