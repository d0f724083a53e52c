#include "ordered_products.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include "vector4.hpp"

// The AVX2 copy is picked at run time where the CPU has it (THMCHECK_ORDERED_PRODUCTS_PORTABLE
// builds the SSE2 one alone, for the test that compares the two).

namespace thmcheck::THMCHECK_ORDERED_PRODUCTS_NAMESPACE {

using namespace vector4;

namespace {

// The operands as the kernel reads them: a(i, k) = a[i + k lda] (columns of op(A) contiguous), b(k,
// j) = b[k bk + j bj], c(i, j) = c[i + j ldc], s likewise with lds (or none).
struct Operands {
  double* c;
  std::ptrdiff_t ldc;
  const double* s;
  std::ptrdiff_t lds;
  const double* a;
  std::ptrdiff_t lda;
  const double* b;
  std::ptrdiff_t bk, bj;
  std::ptrdiff_t rows, cols, K;
  double alpha;
  // If set, op(A) = M^T for M stored here (K x rows, leading dimension ld_transposed), and `a` is
  // `scratch`, rows K doubles that the kernel fills with M^T before the product.
  const double* transposed_from = nullptr;
  std::ptrdiff_t ld_transposed = 0;
  double* scratch = nullptr;
};

// The first `valid` doubles at p as a vector of four (the others 0), and back. Built lane by lane:
// a copy through memory would make every load wait for a store it cannot forward.
template <int valid>
inline __attribute__((always_inline)) v4d load_first(const double* p) {
  if constexpr (valid == 1) return v4d{p[0], 0, 0, 0};
  if constexpr (valid == 2) return v4d{p[0], p[1], 0, 0};
  if constexpr (valid == 3) return v4d{p[0], p[1], p[2], 0};
  if constexpr (valid == 4) return load4(p);
}
template <int valid>
inline __attribute__((always_inline)) void store_first(double* p, const v4d& v) {
  for (int l = 0; l < valid; ++l) p[l] = v[l];
}

// Columns j .. j+NC-1 of C. Rows go 4 RV at a time (RV vectors of four), each lane one row's sum
// over k in order; the NC RV accumulators are independent chains. The rows left over go four at a
// time, then the last one to three in a vector of which only those lanes are read and written.
template <int RV, int NC>
inline __attribute__((always_inline)) void column_block(const Operands& o, std::ptrdiff_t j) {
  const double* bcol[NC];
  for (int q = 0; q < NC; ++q) bcol[q] = o.b + (j + q) * o.bj;
  std::ptrdiff_t i = 0;
  // R vectors of rows from row i, the last of them holding `last` valid rows.
  auto rows_block = [&]<int R, int last>() {
    v4d acc[NC][R];
    for (int q = 0; q < NC; ++q)
      for (int v = 0; v < R; ++v) acc[q][v] = v4d{0, 0, 0, 0};
    const double* ak = o.a + i;
    std::ptrdiff_t kb = 0;
    for (std::ptrdiff_t k = 0; k < o.K; ++k, ak += o.lda, kb += o.bk) {
      v4d av[R];
      for (int v = 0; v + 1 < R; ++v) av[v] = load4(ak + 4 * v);
      av[R - 1] = load_first<last>(ak + 4 * (R - 1));
      for (int q = 0; q < NC; ++q) {
        const double bv = bcol[q][kb];
        for (int v = 0; v < R; ++v) acc[q][v] += av[v] * bv;
      }
    }
    for (int q = 0; q < NC; ++q)
      for (int v = 0; v < R; ++v) {
        const std::ptrdiff_t at = i + 4 * v;
        const v4d scaled = o.alpha * acc[q][v];
        double* cp = o.c + at + (j + q) * o.ldc;
        if (v + 1 < R) {
          store4(cp, o.s ? load4(o.s + at + (j + q) * o.lds) + scaled : scaled);
        } else {
          store_first<last>(cp,
                            o.s ? load_first<last>(o.s + at + (j + q) * o.lds) + scaled : scaled);
        }
      }
  };
  for (; i + 4 * RV <= o.rows; i += 4 * RV) rows_block.template operator()<RV, 4>();
  if constexpr (RV > 1)
    for (; i + 4 <= o.rows; i += 4) rows_block.template operator()<1, 4>();
  switch (o.rows - i) {
    case 3:
      rows_block.template operator()<1, 3>();
      break;
    case 2:
      rows_block.template operator()<1, 2>();
      break;
    case 1:
      rows_block.template operator()<1, 1>();
      break;
    default:
      break;
  }
}

// dst (rows x K, column-major) = M^T for M (K x rows, leading dimension ld): four by four blocks
// transposed in registers, the edges one by one. An exact permutation of the entries.
inline __attribute__((always_inline)) void transpose_into(double* dst, const double* M,
                                                          std::ptrdiff_t ld, std::ptrdiff_t rows,
                                                          std::ptrdiff_t K) {
  std::ptrdiff_t k = 0;
  for (; k + 4 <= K; k += 4) {
    std::ptrdiff_t i = 0;
    for (; i + 4 <= rows; i += 4) {
      // p_l = M(k .. k+3, i + l), the rows of a block of M^T; t_t = M(k + t, i .. i+3) = dst(i ..
      // i+3, k + t).
      v4d t0, t1, t2, t3;
      transpose4(load4(M + k + i * ld), load4(M + k + (i + 1) * ld), load4(M + k + (i + 2) * ld),
                 load4(M + k + (i + 3) * ld), t0, t1, t2, t3);
      store4(dst + i + k * rows, t0);
      store4(dst + i + (k + 1) * rows, t1);
      store4(dst + i + (k + 2) * rows, t2);
      store4(dst + i + (k + 3) * rows, t3);
    }
    for (; i < rows; ++i)
      for (int t = 0; t < 4; ++t) dst[i + (k + t) * rows] = M[k + t + i * ld];
  }
  for (; k < K; ++k)
    for (std::ptrdiff_t i = 0; i < rows; ++i) dst[i + k * rows] = M[k + i * ld];
}

template <int RV>
inline __attribute__((always_inline)) void product_columns(const Operands& o) {
  if (o.transposed_from) transpose_into(o.scratch, o.transposed_from, o.ld_transposed, o.rows, o.K);
  std::ptrdiff_t j = 0;
  for (; j + 4 <= o.cols; j += 4) column_block<RV, 4>(o, j);
  switch (o.cols - j) {
    case 3:
      column_block<RV, 3>(o, j);
      break;
    case 2:
      column_block<RV, 2>(o, j);
      break;
    case 1:
      column_block<RV, 1>(o, j);
      break;
    default:
      break;
  }
}

// Eight rows by four columns (eight accumulators, sixteen of the AVX2 registers with the operands)
// in the AVX2 clone; four by four in the SSE2 one, whose sixteen registers hold half as much. The
// block shape changes which entries are computed together, never an entry's order of summation.
void product_kernel_default(const Operands& o) { product_columns<1>(o); }

#ifdef THMCHECK_ORDERED_PRODUCTS_PORTABLE
void product_kernel(const Operands& o) { product_kernel_default(o); }
#else
__attribute__((target("avx2"))) void product_kernel_avx2(const Operands& o) {
  product_columns<2>(o);
}

void product_kernel(const Operands& o) {
  static const bool avx2 = __builtin_cpu_supports("avx2");
  avx2 ? product_kernel_avx2(o) : product_kernel_default(o);
}
#endif

std::string shape(const Eigen::MatrixXd& M, Op op) {
  const auto r = op == Op::plain ? M.rows() : M.cols(), c = op == Op::plain ? M.cols() : M.rows();
  return std::to_string(r) + " x " + std::to_string(c);
}

}  // namespace

void ordered_product(Eigen::MatrixXd& C, const Eigen::MatrixXd* S, double alpha,
                     const Eigen::MatrixXd& A, Op opA, const Eigen::MatrixXd& B, Op opB) {
  const std::ptrdiff_t rows = opA == Op::plain ? A.rows() : A.cols();
  const std::ptrdiff_t K = opA == Op::plain ? A.cols() : A.rows();
  const std::ptrdiff_t KB = opB == Op::plain ? B.rows() : B.cols();
  const std::ptrdiff_t cols = opB == Op::plain ? B.cols() : B.rows();
  if (K != KB)
    throw std::invalid_argument("ordered product: op(A) is " + shape(A, opA) + " but op(B) is " +
                                shape(B, opB));
  if (S && (S->rows() != rows || S->cols() != cols))
    throw std::invalid_argument("ordered product: the product is " + std::to_string(rows) + " x " +
                                std::to_string(cols) + " but the matrix it is added to is " +
                                shape(*S, Op::plain));
  if ((&C == &A || &C == &B) && C.size() > 0)
    throw std::invalid_argument(
        "ordered product: C is also an operand of the product (it would be read while written)");
  if (S != &C) C.resize(rows, cols);
  // op(A) = A^T is copied once so that its columns are contiguous (the lanes run over its rows), by
  // the kernel (transpose_into). The copy is an exact permutation; it costs rows K moves against
  // the product's rows K cols multiplications. (Eigen's strided copy took a fifth of the factor
  // steps at m = 24, n = 20.)
  thread_local std::vector<double> transposed;
  const double* a = A.data();
  std::ptrdiff_t lda = A.rows();
  if (opA == Op::transposed) {
    transposed.resize(std::size_t(rows * K));
    a = transposed.data();
    lda = rows;
  }
  Operands o{.c = C.data(),
             .ldc = C.rows(),
             .s = S ? S->data() : nullptr,
             .lds = S ? S->rows() : 0,
             .a = a,
             .lda = lda,
             .b = B.data(),
             .bk = opB == Op::plain ? 1 : B.rows(),
             .bj = opB == Op::plain ? B.rows() : 1,
             .rows = rows,
             .cols = cols,
             .K = K,
             .alpha = alpha,
             .transposed_from = opA == Op::transposed ? A.data() : nullptr,
             .ld_transposed = A.rows(),
             .scratch = transposed.data()};
  product_kernel(o);
}

}  // namespace thmcheck::THMCHECK_ORDERED_PRODUCTS_NAMESPACE
