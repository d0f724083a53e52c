// The row kernels (lib/src/methods/row_kernels.cpp) exist in two copies, an AVX2 one and a portable
// (SSE2) one, and the CPU picks one at run time. Both must give the bits of the plain one-row
// loops, or results would depend on the machine. The portable copy is built a second time from the
// same source under its own namespace (property_tests/CMakeLists.txt), so it can be called on any
// machine.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <vector>

#include "thmcheck/core/seed.hpp"
#include "thmcheck/problems/gaussian.hpp"

#define THMCHECK_ROW_KERNELS_NAMESPACE portable
#include "../lib/src/methods/row_kernels.hpp"
#undef THMCHECK_ROW_KERNELS_NAMESPACE

namespace thmcheck::detail {  // the library's dispatched copy (row_kernels.hpp's default namespace)
void residuals8(const double* const* a, const double* const* x, std::ptrdiff_t d, double* r,
                const double* const* ahead = nullptr);
void residuals8(const double* const* a, const double* x, std::ptrdiff_t d, double* r,
                const double* const* ahead = nullptr);
void axpy8(double* g, const double* const* a, const double* w, std::ptrdiff_t d);
void axpy_rows(double* g, const double* const* a, const double* w, int k, std::ptrdiff_t d);
void axpy(double* g, const double* a, double w, std::ptrdiff_t d);
}  // namespace thmcheck::detail

using namespace thmcheck;

namespace {

bool same_bits(const double* u, const double* v, std::size_t m) {
  return std::memcmp(u, v, m * sizeof(double)) == 0;
}

}  // namespace

TEST_CASE(
    "row kernels: the dispatched copy, the portable copy and the plain loops agree bit for bit",
    "[quick][methods]") {
  INFO("this CPU " << (__builtin_cpu_supports("avx2") ? "runs the AVX2 copy"
                                                      : "has no AVX2: both calls run SSE2"));
  Engine rng = make_engine(2026);
  for (std::ptrdiff_t d : {1, 3, 4, 7, 8, 13, 100}) {
    INFO("d = " << d);
    // Eight rows and eight iterates, scaled over many orders of magnitude so that the order of the
    // additions shows in the last bits.
    std::vector<Eigen::VectorXd> rows, xs;
    const double *a[8], *x[8], *ahead[8];
    for (int q = 0; q < 8; ++q) {
      Eigen::VectorXd row = gaussian_vector(d, rng);
      for (std::ptrdiff_t c = 0; c < d; ++c) row(c) *= std::pow(10.0, double((c * 7 + q) % 13));
      rows.push_back(row);
      xs.push_back(gaussian_vector(d, rng));
    }
    for (int q = 0; q < 8; ++q) {
      a[q] = rows[std::size_t(q)].data();
      x[q] = xs[std::size_t(q)].data();
      ahead[q] = q % 2 ? rows[std::size_t(7 - q)].data() : nullptr;  // requests change no value
    }
    double plain[8], fast[8], port[8], port_ahead[8];
    for (int q = 0; q < 8; ++q) {
      plain[q] = fast[q] = port[q] = port_ahead[q] = -0.5 * q;
      for (std::ptrdiff_t c = 0; c < d; ++c) plain[q] += a[q][c] * x[q][c];
    }
    detail::residuals8(a, x, d, fast, ahead);
    portable::residuals8(a, x, d, port);
    portable::residuals8(a, x, d, port_ahead, ahead);
    CHECK(same_bits(fast, plain, 8));
    CHECK(same_bits(port, plain, 8));
    CHECK(same_bits(port_ahead, plain, 8));
    // One iterate for all eight rows (one run's rows), in both copies.
    double plain_one[8], fast_one[8], port_one[8];
    for (int q = 0; q < 8; ++q) {
      plain_one[q] = fast_one[q] = port_one[q] = 0.25 * q;
      for (std::ptrdiff_t c = 0; c < d; ++c) plain_one[q] += a[q][c] * x[3][c];
    }
    detail::residuals8(a, x[3], d, fast_one, ahead);
    portable::residuals8(a, x[3], d, port_one);
    CHECK(same_bits(fast_one, plain_one, 8));
    CHECK(same_bits(port_one, plain_one, 8));

    const double w[8] = {1e-3, -2.5, 7e4, -1e-9, 3.25, 1e12, -0.125, 9.5};
    std::vector<double> g_plain(std::size_t(d), 1.0), g_fast = g_plain, g_port = g_plain;
    for (std::ptrdiff_t c = 0; c < d; ++c)
      for (int q = 0; q < 8; ++q) g_plain[std::size_t(c)] += w[q] * a[q][c];
    detail::axpy8(g_fast.data(), a, w, d);
    portable::axpy8(g_port.data(), a, w, d);
    CHECK(same_bits(g_fast.data(), g_plain.data(), std::size_t(d)));
    CHECK(same_bits(g_port.data(), g_plain.data(), std::size_t(d)));

    // The first k rows alone: k one-row axpys in row order.
    for (int k = 1; k <= 8; ++k) {
      INFO("k = " << k);
      for (std::ptrdiff_t c = 0; c < d; ++c)
        for (int q = 0; q < k; ++q) g_plain[std::size_t(c)] += w[q] * a[q][c];
      detail::axpy_rows(g_fast.data(), a, w, k, d);
      portable::axpy_rows(g_port.data(), a, w, k, d);
      CHECK(same_bits(g_fast.data(), g_plain.data(), std::size_t(d)));
      CHECK(same_bits(g_port.data(), g_plain.data(), std::size_t(d)));
    }

    for (std::ptrdiff_t c = 0; c < d; ++c) g_plain[std::size_t(c)] += -3.75 * a[5][c];
    detail::axpy(g_fast.data(), a[5], -3.75, d);
    portable::axpy(g_port.data(), a[5], -3.75, d);
    CHECK(same_bits(g_fast.data(), g_plain.data(), std::size_t(d)));
    CHECK(same_bits(g_port.data(), g_plain.data(), std::size_t(d)));
  }
}
