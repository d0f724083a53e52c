// Fuzzes the Matrix Market reader (hbm-params --matrix FILE): any bytes either give a matrix of the
// header's size or an InputError; nothing else may escape, and the sanitizers must stay quiet.
#include "thmcheck/problems/matrix_market.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "thmcheck/core/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  try {
    const thmcheck::SparseRowMatrix A = thmcheck::read_matrix_market(in, "fuzz.mtx");
    // Every stored entry is inside the matrix (Eigen's assertions check the indices too).
    for (int k = 0; k < A.outerSize(); ++k)
      for (thmcheck::SparseRowMatrix::InnerIterator it(A, k); it; ++it)
        if (it.row() >= A.rows() || it.col() >= A.cols()) __builtin_trap();
  } catch (const thmcheck::InputError&) {
  }
  return 0;
}
