// Dense products for the factorization and linear-network methods, with one summation order
// whatever the CPU. Private to the library.
//
// Why not Eigen's product. Eigen's blocked product splits each inner sum over several accumulators
// whose number depends on the vector width it was compiled for (two doubles with SSE2, four with
// AVX), so a build for another CPU changes the iterates at round-off. These products sum every
// entry of C in the order k = 0 .. K-1, one IEEE multiplication and one addition per term (the file
// is compiled with -ffp-contract=off and no clone enables FMA); the vector lanes run over rows of
// C, never over k. So the AVX2 clone, picked at run time where the CPU has it, and the SSE2 default
// give the same bits, and the AVX2 clone does the factor steps' arithmetic at twice the width.
// At the factor sizes of the theorems (m, n up to about 100, d up to about 80) the operands fit in
// L1 or L2, and the products need no packing.
#pragma once

#include <Eigen/Dense>
#include <cstddef>

#ifndef THMCHECK_ORDERED_PRODUCTS_NAMESPACE
#define THMCHECK_ORDERED_PRODUCTS_NAMESPACE detail
#endif

namespace thmcheck::THMCHECK_ORDERED_PRODUCTS_NAMESPACE {

// An operand of the product as stored: element (i, k) of op(M) is M(i, k) or M(k, i).
enum class Op { plain, transposed };

// C = S + alpha * op(A) op(B), where each entry's sum over k runs in order from k = 0, starting at
// 0. S may be C itself (an update in place) or nullptr (C = alpha * op(A) op(B)). C must not be A
// or B. C is resized to the product's shape when S is not C. Throws std::invalid_argument for
// shapes that do not match and for C given as A or B.
void ordered_product(Eigen::MatrixXd& C, const Eigen::MatrixXd* S, double alpha,
                     const Eigen::MatrixXd& A, Op opA, const Eigen::MatrixXd& B, Op opB);

// The three forms the methods use.
// C = S - op(A) op(B) (a residual).
inline void residual_product(Eigen::MatrixXd& C, const Eigen::MatrixXd& S, const Eigen::MatrixXd& A,
                             Op opA, const Eigen::MatrixXd& B, Op opB) {
  ordered_product(C, &S, -1.0, A, opA, B, opB);
}
// C += alpha op(A) op(B).
inline void add_product(Eigen::MatrixXd& C, double alpha, const Eigen::MatrixXd& A, Op opA,
                        const Eigen::MatrixXd& B, Op opB) {
  ordered_product(C, &C, alpha, A, opA, B, opB);
}
// C = alpha op(A) op(B).
inline void assign_product(Eigen::MatrixXd& C, double alpha, const Eigen::MatrixXd& A, Op opA,
                           const Eigen::MatrixXd& B, Op opB) {
  ordered_product(C, nullptr, alpha, A, opA, B, opB);
}

}  // namespace thmcheck::THMCHECK_ORDERED_PRODUCTS_NAMESPACE
