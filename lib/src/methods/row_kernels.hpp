// The arithmetic of the minibatch gradient on blocks of eight rows of A, shared by the lone-run
// kernel (minibatch_gradient.cpp, one iterate) and the lockstep ensemble (minibatch_ensemble.cpp,
// one iterate per entry). Private to the library.
//
// Bits. Without -ffast-math a residual a^T x - b is a chain of d dependent additions,
// latency-bound. These kernels compute eight residuals at once, each still summed as (((-b + a_0
// x_0) + a_1 x_1) + ...) in the order c = 0 .. d-1: the products of four columns of four rows are
// formed as vectors and transposed, so each vector lane is one row's accumulator. Multiplication
// and addition stay separate IEEE operations (the file is compiled with -ffp-contract=off and no
// clone enables FMA), so every clone (AVX2 or the SSE2 default, chosen at run time by the CPU)
// gives the bits of the plain one-row loop.
#pragma once

#include <cstddef>

// The namespace and the clone attribute can be overridden so that a test builds the portable (SSE2)
// copy beside the dispatched one and checks that both give the same bits (test_row_kernels.cpp).
#ifndef THMCHECK_ROW_KERNELS_NAMESPACE
#define THMCHECK_ROW_KERNELS_NAMESPACE detail
#endif

namespace thmcheck::THMCHECK_ROW_KERNELS_NAMESPACE {

constexpr int kRowBlock = 8;

// r[q] += sum_{c=0}^{d-1} a[q][c] * x[q][c] for q = 0 .. 7, each summed in the order c = 0 .. d-1
// (start r[q] at -b_q to get the residual). If ahead is given, its non-null entries are rows of d
// doubles to request into L2 meanwhile: their lines are requested a few per column step,
// spread over the loop. (Requesting eight rows' 100 lines in one burst before the loop overflows
// the load queue and stalls the core: a lone gather ran at 0.40 of the read bandwidth that way,
// 0.55-0.6 spread out.)
void residuals8(const double* const* a, const double* const* x, std::ptrdiff_t d, double* r,
                const double* const* ahead = nullptr);
// The same with one iterate x for all eight rows (one run's rows): the same bits, fewer loads.
void residuals8(const double* const* a, const double* x, std::ptrdiff_t d, double* r,
                const double* const* ahead = nullptr);

// g[c] += w[0] a[0][c], then += w[1] a[1][c], ..., then += w[7] a[7][c], for every c: the eight
// rows' contributions in row order, as eight one-row axpys would add them.
void axpy8(double* g, const double* const* a, const double* w, std::ptrdiff_t d);

// As axpy8 for the first k rows alone, 1 <= k <= 8: the bits of k one-row axpys in row order.
void axpy_rows(double* g, const double* const* a, const double* w, int k, std::ptrdiff_t d);

// g += w a.
void axpy(double* g, const double* a, double w, std::ptrdiff_t d);

// Requests the d doubles at row into L2 at once (where no residual loop is running to spread the
// requests over); into L2 as residuals8's requests, for the same measured reason.
inline void prefetch_row(const double* row, std::ptrdiff_t d) {
  const char* p = reinterpret_cast<const char*>(row);
  for (std::ptrdiff_t c = 0; c < d * std::ptrdiff_t(sizeof(double)); c += 64)
    __builtin_prefetch(p + c, 0, 2);
  __builtin_prefetch(p + d * std::ptrdiff_t(sizeof(double)) - 1, 0, 2);
}

}  // namespace thmcheck::THMCHECK_ROW_KERNELS_NAMESPACE
