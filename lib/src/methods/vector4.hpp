// Four doubles as one value (GCC vector extensions), for the row kernels and the ordered products:
// one source for their AVX2 and SSE2 copies. Four doubles are one AVX2 register, or two SSE2
// registers. The helpers are always inlined into the kernel that calls them, so each is compiled
// for that kernel's target; passing the vectors between them is what -Wpsabi warns about, and
// nothing of this type crosses a call that is not inlined. They have internal linkage, so copies
// compiled for different targets never meet at link time. Private to the library.
#pragma once

#include <cstring>

#pragma GCC diagnostic ignored "-Wpsabi"

// A permutation of the eight lanes of a and b; clang (the fuzz build) spells GCC's
// __builtin_shuffle
// __builtin_shufflevector, with the indices as arguments.
#if defined(__clang__)
#define THMCHECK_SHUFFLE4(a, b, i0, i1, i2, i3) __builtin_shufflevector(a, b, i0, i1, i2, i3)
#else
#define THMCHECK_SHUFFLE4(a, b, i0, i1, i2, i3) \
  __builtin_shuffle(a, b, ::thmcheck::vector4::v4i{i0, i1, i2, i3})
#endif

namespace thmcheck::vector4 {
namespace {

typedef double v4d __attribute__((vector_size(32)));
typedef long long v4i __attribute__((vector_size(32)));

#if defined(__clang__)
// clang refuses a function that returns four doubles in a non-AVX clone, inlined or not: the load
// is an expression there.
#define load4(p)                    \
  ({                                \
    ::thmcheck::vector4::v4d v_;    \
    std::memcpy(&v_, p, sizeof v_); \
    v_;                             \
  })
#else
inline __attribute__((always_inline)) v4d load4(const double* p) {
  v4d v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
#endif

inline __attribute__((always_inline)) void store4(double* p, const v4d& v) {
  std::memcpy(p, &v, sizeof v);
}

// Rows of a 4 x 4 block (p0 .. p3: row q's entries at columns c .. c+3) into columns: t_k holds the
// four rows' entries at column c + k.
inline __attribute__((always_inline)) void transpose4(const v4d& p0, const v4d& p1, const v4d& p2,
                                                      const v4d& p3, v4d& t0, v4d& t1, v4d& t2,
                                                      v4d& t3) {
  const v4d u0 = THMCHECK_SHUFFLE4(p0, p1, 0, 4, 2, 6), u1 = THMCHECK_SHUFFLE4(p0, p1, 1, 5, 3, 7);
  const v4d u2 = THMCHECK_SHUFFLE4(p2, p3, 0, 4, 2, 6), u3 = THMCHECK_SHUFFLE4(p2, p3, 1, 5, 3, 7);
  t0 = THMCHECK_SHUFFLE4(u0, u2, 0, 1, 4, 5);
  t1 = THMCHECK_SHUFFLE4(u1, u3, 0, 1, 4, 5);
  t2 = THMCHECK_SHUFFLE4(u0, u2, 2, 3, 6, 7);
  t3 = THMCHECK_SHUFFLE4(u1, u3, 2, 3, 6, 7);
}

}  // namespace
}  // namespace thmcheck::vector4
