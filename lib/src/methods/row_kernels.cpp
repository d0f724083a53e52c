#include "row_kernels.hpp"

#include <cstring>

// GCC vector extensions: one source for both clones. Four doubles are one AVX2 register, or two
// SSE2 registers in the default clone. Passing them between inlined helpers is what -Wpsabi warns
// about; nothing crosses a non-inlined call.
#pragma GCC diagnostic ignored "-Wpsabi"

#ifndef THMCHECK_ROW_KERNELS_CLONES
#define THMCHECK_ROW_KERNELS_CLONES __attribute__((target_clones("avx2", "default")))
#endif

namespace thmcheck::THMCHECK_ROW_KERNELS_NAMESPACE {

namespace {

typedef double v4d __attribute__((vector_size(32)));
typedef long long v4i __attribute__((vector_size(32)));

// A permutation of the eight lanes of a and b; clang (the fuzz build) spells GCC's
// __builtin_shuffle
// __builtin_shufflevector, with the indices as arguments.
#if defined(__clang__)
#define THMCHECK_SHUFFLE4(a, b, i0, i1, i2, i3) __builtin_shufflevector(a, b, i0, i1, i2, i3)
#else
#define THMCHECK_SHUFFLE4(a, b, i0, i1, i2, i3) __builtin_shuffle(a, b, v4i{i0, i1, i2, i3})
#endif

#if defined(__clang__)
// clang refuses a function that returns four doubles in the non-AVX clone, inlined or not: the load
// is an expression there.
#define load4(p)                    \
  ({                                \
    v4d v_;                         \
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

// Rows of the 4 x 4 block (p0 .. p3: row q's products at columns c .. c+3) into columns: t_k holds
// the four rows' products at column c + k.
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

namespace {

// residuals8's loop for any source of the rows' iterates: x_of(q) is row q's. Inlined into each
// entry point, so that one iterate for all eight rows is loaded once per column step and the eight
// row pointers stay in registers (with eight iterate pointers as well they did not fit, and the
// kernel reloaded them from the stack at every step).
template <class XOf>
inline __attribute__((always_inline)) void residuals8_loop(const double* const* a, XOf x_of,
                                                           std::ptrdiff_t d, double* r,
                                                           const double* const* ahead) {
  // Every 8 columns (64 bytes, one cache line) one request per row ahead; after the loop, the lines
  // of the last columns. The requests are for L2 (locality 2, prefetcht1), not L1: measured in
  // session 14, d = 100 with 50 runs 2.25-2.31 -> 2.14-2.19 s and B = 27 over 2000 steps 45-46 ->
  // 36-39 ms, d = 10 and d = 200 unchanged (docs/performance.md).
  auto request = [&](std::ptrdiff_t col) {
    for (int q = 0; q < kRowBlock; ++q)
      if (ahead[q]) __builtin_prefetch(ahead[q] + col, 0, 2);
  };
  // Two accumulators of four rows each: two independent chains per column step.
  v4d lo = {r[0], r[1], r[2], r[3]}, hi = {r[4], r[5], r[6], r[7]};
  std::ptrdiff_t c = 0;
  for (; c + 4 <= d; c += 4) {
    if (ahead && (c & 7) == 0) request(c);
    v4d l0, l1, l2, l3, h0, h1, h2, h3;
    transpose4(load4(a[0] + c) * load4(x_of(0) + c), load4(a[1] + c) * load4(x_of(1) + c),
               load4(a[2] + c) * load4(x_of(2) + c), load4(a[3] + c) * load4(x_of(3) + c), l0, l1,
               l2, l3);
    transpose4(load4(a[4] + c) * load4(x_of(4) + c), load4(a[5] + c) * load4(x_of(5) + c),
               load4(a[6] + c) * load4(x_of(6) + c), load4(a[7] + c) * load4(x_of(7) + c), h0, h1,
               h2, h3);
    lo += l0;
    hi += h0;
    lo += l1;
    hi += h1;
    lo += l2;
    hi += h2;
    lo += l3;
    hi += h3;
  }
  if (ahead && d > 0) {
    if (c < d) request(c);
    request(d - 1);
  }
  for (int q = 0; q < 4; ++q) {
    r[q] = lo[q];
    r[q + 4] = hi[q];
  }
  for (; c < d; ++c)
    for (int q = 0; q < kRowBlock; ++q) r[q] += a[q][c] * x_of(q)[c];
}

}  // namespace

THMCHECK_ROW_KERNELS_CLONES void residuals8(const double* const* a, const double* const* x,
                                            std::ptrdiff_t d, double* r,
                                            const double* const* ahead) {
  residuals8_loop(
      a, [x](int q) { return x[q]; }, d, r, ahead);
}

THMCHECK_ROW_KERNELS_CLONES void residuals8(const double* const* a, const double* x,
                                            std::ptrdiff_t d, double* r,
                                            const double* const* ahead) {
  residuals8_loop(
      a, [x](int) { return x; }, d, r, ahead);
}

namespace {
// g[c] += w[0] a[0][c], ..., then += w[K-1] a[K-1][c], for every c: the K rows in row order, as K
// one-row axpys would add them.
template <int K>
inline __attribute__((always_inline)) void axpy_first(double* __restrict g, const double* const* a,
                                                      const double* w, std::ptrdiff_t d) {
  const double* r[K];
  for (int q = 0; q < K; ++q) r[q] = a[q];
  for (std::ptrdiff_t c = 0; c < d; ++c) {
    double s = g[c];
    for (int q = 0; q < K; ++q) s += w[q] * r[q][c];
    g[c] = s;
  }
}
}  // namespace

THMCHECK_ROW_KERNELS_CLONES void axpy8(double* __restrict g, const double* const* a,
                                       const double* w, std::ptrdiff_t d) {
  axpy_first<8>(g, a, w, d);
}

THMCHECK_ROW_KERNELS_CLONES void axpy_rows(double* __restrict g, const double* const* a,
                                           const double* w, int k, std::ptrdiff_t d) {
  switch (k) {
    case 1:
      return axpy_first<1>(g, a, w, d);
    case 2:
      return axpy_first<2>(g, a, w, d);
    case 3:
      return axpy_first<3>(g, a, w, d);
    case 4:
      return axpy_first<4>(g, a, w, d);
    case 5:
      return axpy_first<5>(g, a, w, d);
    case 6:
      return axpy_first<6>(g, a, w, d);
    case 7:
      return axpy_first<7>(g, a, w, d);
    default:
      return axpy_first<8>(g, a, w, d);
  }
}

THMCHECK_ROW_KERNELS_CLONES void axpy(double* __restrict g, const double* __restrict a, double w,
                                      std::ptrdiff_t d) {
  for (std::ptrdiff_t c = 0; c < d; ++c) g[c] += w * a[c];
}

}  // namespace thmcheck::THMCHECK_ROW_KERNELS_NAMESPACE
