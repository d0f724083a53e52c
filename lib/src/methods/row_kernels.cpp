#include "row_kernels.hpp"

#include "vector4.hpp"

#ifndef THMCHECK_ROW_KERNELS_CLONES
#define THMCHECK_ROW_KERNELS_CLONES __attribute__((target_clones("avx2", "default")))
#endif

namespace thmcheck::THMCHECK_ROW_KERNELS_NAMESPACE {

using namespace vector4;

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
