// Matrix Market input (coordinate or array; real, integer or pattern; general or symmetric).
// Strict: a missing file, a bad header, a non-numeric entry, an index out of range or a wrong entry
// count throws InputError naming the file and line.
#pragma once

#include <Eigen/Sparse>
#include <istream>
#include <string>

namespace thmcheck {

using SparseRowMatrix = Eigen::SparseMatrix<double, Eigen::RowMajor>;

SparseRowMatrix read_matrix_market(const std::string& path);
// The same from a stream; `name` stands for the file in messages.
SparseRowMatrix read_matrix_market(std::istream& in, const std::string& name);

}  // namespace thmcheck
