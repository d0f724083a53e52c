// The ordered products (lib/src/methods/ordered_products.cpp) sum every entry in the order k = 0 ..
// K-1, so the AVX2 copy the CPU dispatch picks, the portable SSE2 copy (built a second time from
// the same source under its own namespace, property_tests/CMakeLists.txt) and the plain triple loop
// must give the same bits, for every shape, operand layout and form.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "methods/ordered_products.hpp"  // the dispatched copy, in thmcheck::detail
#include "thmcheck/core/seed.hpp"
#include "thmcheck/methods/factorization.hpp"
#include "thmcheck/problems/gaussian.hpp"

namespace thmcheck::portable {  // the SSE2 copy (ordered_products.hpp under another namespace)
enum class Op { plain, transposed };
void ordered_product(Eigen::MatrixXd& C, const Eigen::MatrixXd* S, double alpha,
                     const Eigen::MatrixXd& A, Op opA, const Eigen::MatrixXd& B, Op opB);
}  // namespace thmcheck::portable

using namespace thmcheck;

namespace {

bool same_bits(const Eigen::MatrixXd& u, const Eigen::MatrixXd& v) {
  return u.rows() == v.rows() && u.cols() == v.cols() &&
         std::memcmp(u.data(), v.data(), std::size_t(u.size()) * sizeof(double)) == 0;
}

// Entries over many orders of magnitude, so that another order of the additions shows in the last
// bits.
Eigen::MatrixXd spread(Eigen::Index r, Eigen::Index c, Engine& rng) {
  Eigen::MatrixXd M = gaussian_matrix(r, c, rng);
  for (Eigen::Index j = 0; j < c; ++j)
    for (Eigen::Index i = 0; i < r; ++i) M(i, j) *= std::pow(10.0, double((3 * i + 7 * j) % 11));
  return M;
}

// C = S + alpha op(A) op(B), each sum from 0 in the order k = 0 .. K-1.
Eigen::MatrixXd plain_loops(const Eigen::MatrixXd* S, double alpha, const Eigen::MatrixXd& A,
                            bool tA, const Eigen::MatrixXd& B, bool tB) {
  const Eigen::Index rows = tA ? A.cols() : A.rows(), K = tA ? A.rows() : A.cols();
  const Eigen::Index cols = tB ? B.rows() : B.cols();
  Eigen::MatrixXd C(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i) {
      double acc = 0;
      for (Eigen::Index k = 0; k < K; ++k)
        acc += (tA ? A(k, i) : A(i, k)) * (tB ? B(j, k) : B(k, j));
      C(i, j) = S ? (*S)(i, j) + alpha * acc : alpha * acc;
    }
  return C;
}

}  // namespace

TEST_CASE(
    "ordered products: the dispatched copy, the portable copy and the plain loops agree bit "
    "for bit",
    "[quick][methods]") {
  INFO("this CPU " << (__builtin_cpu_supports("avx2") ? "runs the AVX2 copy"
                                                      : "has no AVX2: both calls run SSE2"));
  Engine rng = make_engine(2026);
  int checked = 0;
  for (Eigen::Index rows : {0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 24, 61})
    for (Eigen::Index cols : {1, 2, 3, 4, 5, 6, 9, 20})
      for (Eigen::Index K : {0, 1, 2, 5, 8, 17}) {
        for (int layout = 0; layout < 4; ++layout) {
          const bool tA = layout & 1, tB = layout & 2;
          const Eigen::MatrixXd A = tA ? spread(K, rows, rng) : spread(rows, K, rng);
          const Eigen::MatrixXd B = tB ? spread(cols, K, rng) : spread(K, cols, rng);
          const Eigen::MatrixXd S = spread(rows, cols, rng);
          const auto opA = tA ? detail::Op::transposed : detail::Op::plain;
          const auto opB = tB ? detail::Op::transposed : detail::Op::plain;
          const auto popA = tA ? portable::Op::transposed : portable::Op::plain;
          const auto popB = tB ? portable::Op::transposed : portable::Op::plain;
          INFO(rows << " x " << K << " times " << K << " x " << cols << ", A "
                    << (tA ? "transposed" : "plain") << ", B " << (tB ? "transposed" : "plain"));
          // C = S - op(A) op(B)
          Eigen::MatrixXd d1, p1;
          detail::residual_product(d1, S, A, opA, B, opB);
          portable::ordered_product(p1, &S, -1, A, popA, B, popB);
          const Eigen::MatrixXd r1 = plain_loops(&S, -1, A, tA, B, tB);
          CHECK(same_bits(d1, r1));
          CHECK(same_bits(p1, r1));
          // C += alpha op(A) op(B), in place
          Eigen::MatrixXd d2 = S, p2 = S;
          detail::add_product(d2, 0.37, A, opA, B, opB);
          portable::ordered_product(p2, &p2, 0.37, A, popA, B, popB);
          const Eigen::MatrixXd r2 = plain_loops(&S, 0.37, A, tA, B, tB);
          CHECK(same_bits(d2, r2));
          CHECK(same_bits(p2, r2));
          // C = alpha op(A) op(B), into a matrix of another shape
          Eigen::MatrixXd d3(1, 1), p3;
          detail::assign_product(d3, -2.5, A, opA, B, opB);
          portable::ordered_product(p3, nullptr, -2.5, A, popA, B, popB);
          const Eigen::MatrixXd r3 = plain_loops(nullptr, -2.5, A, tA, B, tB);
          CHECK(same_bits(d3, r3));
          CHECK(same_bits(p3, r3));
          // and Eigen's product, summed in its own order, to round-off
          const Eigen::MatrixXd eigen =
              (tA ? Eigen::MatrixXd(A.transpose()) : A) * (tB ? Eigen::MatrixXd(B.transpose()) : B);
          if (eigen.size() > 0) {
            const double scale = ((tA ? Eigen::MatrixXd(A.transpose()) : A).cwiseAbs() *
                                  (tB ? Eigen::MatrixXd(B.transpose()) : B).cwiseAbs())
                                     .maxCoeff();
            CHECK((r3 / -2.5 - eigen).cwiseAbs().maxCoeff() <= 1e-14 * scale);
          }
          ++checked;
        }
      }
  CHECK(checked == 13 * 8 * 6 * 4);
}

TEST_CASE("ordered products: shapes that do not match are named", "[quick][methods]") {
  Engine rng = make_engine(7);
  const Eigen::MatrixXd A = gaussian_matrix(4, 3, rng), B = gaussian_matrix(5, 2, rng);
  Eigen::MatrixXd C;
  CHECK_THROWS_WITH(detail::assign_product(C, 1, A, detail::Op::plain, B, detail::Op::plain),
                    Catch::Contains("op(A) is 4 x 3 but op(B) is 5 x 2"));
  const Eigen::MatrixXd S = gaussian_matrix(3, 3, rng);
  CHECK_THROWS_WITH(detail::residual_product(C, S, A, detail::Op::plain, A, detail::Op::transposed),
                    Catch::Contains("the product is 4 x 4 but the matrix it is added to is 3 x 3"));
  Eigen::MatrixXd X = gaussian_matrix(3, 3, rng);
  CHECK_THROWS_WITH(detail::add_product(X, 1, X, detail::Op::plain, S, detail::Op::plain),
                    Catch::Contains("C is also an operand"));
}

TEST_CASE("factorization steps: the residual is A - X Y^T summed in order, to the bit",
          "[quick][methods]") {
  // The methods form their products with the ordered kernel: after steps of each method the
  // residual they keep is the plain loops' A - X Y^T of their iterates, bit for bit.
  Engine rng = make_engine(11);
  const Eigen::MatrixXd A = gaussian_matrix(13, 9, rng);
  const Eigen::MatrixXd X0 = 0.1 * gaussian_matrix(13, 5, rng),
                        Y0 = 0.1 * gaussian_matrix(9, 5, rng);
  AlternatingGD agd(A, 0.05, X0, Y0);
  SimultaneousGD gd(A, 0.05, X0, Y0);
  NesterovFactorization nag(A, 0.05, 0.5, X0, Y0);
  for (FactorizationMethod* m : std::initializer_list<FactorizationMethod*>{&agd, &gd, &nag}) {
    for (int t = 0; t < 7; ++t) m->step();
    INFO(m->name());
    CHECK(same_bits(m->residual(), plain_loops(&A, -1, m->X(), false, m->Y(), true)));
  }
}
