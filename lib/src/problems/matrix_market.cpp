#include "thmcheck/problems/matrix_market.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <vector>

#include "thmcheck/core/errors.hpp"
#include "thmcheck/core/memory.hpp"

namespace thmcheck {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

double parse_number(const std::string& tok, const std::string& path, std::size_t line) {
  // strtod, not stod: stod refuses numbers that underflow to subnormals (1e-320), which are
  // numbers.
  char* end = nullptr;
  const double v = std::strtod(tok.c_str(), &end);
  if (tok.empty() || end != tok.c_str() + tok.size() || !std::isfinite(v))
    throw InputError(fmt::format("{}:{}: '{}' is not a finite number", path, line, tok));
  return v;
}

long parse_index(const std::string& tok, const std::string& path, std::size_t line) {
  try {
    std::size_t pos = 0;
    long v = std::stol(tok, &pos);
    if (pos != tok.size()) throw std::invalid_argument("bad");
    return v;
  } catch (const std::exception&) {
    throw InputError(fmt::format("{}:{}: '{}' is not an integer", path, line, tok));
  }
}

}  // namespace

SparseRowMatrix read_matrix_market(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(fmt::format("cannot read matrix file '{}'", path));
  return read_matrix_market(in, path);
}

SparseRowMatrix read_matrix_market(std::istream& in, const std::string& path) {
  std::string line;
  std::size_t lineno = 0;
  if (!std::getline(in, line)) throw InputError(fmt::format("{}: empty file", path));
  ++lineno;
  std::istringstream hs(line);
  std::string banner, object, format, field, symmetry;
  hs >> banner >> object >> format >> field >> symmetry;
  if (banner != "%%MatrixMarket" || lower(object) != "matrix")
    throw InputError(
        fmt::format("{}:1: not a Matrix Market file (expected '%%MatrixMarket matrix ...')", path));
  format = lower(format);
  field = lower(field);
  symmetry = lower(symmetry);
  if (format != "coordinate" && format != "array")
    throw InputError(fmt::format("{}:1: unknown format '{}' (coordinate or array)", path, format));
  if (field != "real" && field != "integer" && field != "double" && field != "pattern")
    throw InputError(
        fmt::format("{}:1: unsupported field '{}' (real, integer or pattern)", path, field));
  if (symmetry != "general" && symmetry != "symmetric")
    throw InputError(
        fmt::format("{}:1: unsupported symmetry '{}' (general or symmetric)", path, symmetry));
  if (field == "pattern" && format == "array")
    throw InputError(fmt::format("{}:1: pattern matrices must be in coordinate format", path));
  const bool symmetric = symmetry == "symmetric";

  auto next_data_line = [&](std::string& out) {
    while (std::getline(in, out)) {
      ++lineno;
      auto first = out.find_first_not_of(" \t\r");
      if (first == std::string::npos || out[first] == '%') continue;
      return true;
    }
    return false;
  };
  auto tokens = [](const std::string& s) {
    std::vector<std::string> t;
    std::istringstream ss(s);
    std::string w;
    while (ss >> w) t.push_back(w);
    return t;
  };

  if (!next_data_line(line)) throw InputError(fmt::format("{}: missing size line", path));
  auto sz = tokens(line);
  const std::size_t want_sz = format == "coordinate" ? 3 : 2;
  if (sz.size() != want_sz)
    throw InputError(fmt::format("{}:{}: size line must have {} integers", path, lineno, want_sz));
  long rows = parse_index(sz[0], path, lineno), cols = parse_index(sz[1], path, lineno);
  if (rows <= 0 || cols <= 0)
    throw InputError(fmt::format("{}:{}: nonsensical size {} x {}", path, lineno, sz[0], sz[1]));
  // Sizes are checked from the header, before anything is allocated: the sparse matrix indexes
  // rows, columns and entries with 32-bit integers, and its parts must fit in memory.
  constexpr long kMaxIndex = std::numeric_limits<SparseRowMatrix::StorageIndex>::max();
  if (rows > kMaxIndex || cols > kMaxIndex)
    throw InputError(
        fmt::format("{}:{}: size {} x {} is too large: a matrix has at most {} rows and {} columns",
                    path, lineno, rows, cols, kMaxIndex, kMaxIndex));
  if (symmetric && rows != cols)
    throw InputError(fmt::format("{}:{}: a symmetric matrix must be square", path, lineno));
  long nnz = 0;
  if (format == "coordinate") {
    nnz = parse_index(sz[2], path, lineno);
  } else if (symmetric) {
    // A symmetric array lists its lower triangle only, column by column: n (n + 1) / 2 values.
    if (__builtin_mul_overflow(rows, rows + 1, &nnz)) nnz = std::numeric_limits<long>::max();
    nnz /= 2;
  } else if (__builtin_mul_overflow(rows, cols, &nnz)) {
    nnz = std::numeric_limits<long>::max();
  }
  if (nnz < 0)
    throw InputError(fmt::format("{}:{}: nonsensical size {} x {} with {} entries", path, lineno,
                                 rows, cols, nnz));
  const long stored = symmetric && nnz <= kMaxIndex / 2 ? 2 * nnz : nnz;  // mirrored entries too
  if (stored > kMaxIndex)
    throw InputError(fmt::format(
        "{}:{}: {} x {} with {} entries is too large: a matrix holds at most {} entries", path,
        lineno, rows, cols, nnz, kMaxIndex));
  // The peak of Eigen's setFromTriplets: per entry a triplet (16 bytes), the entry in a transposed
  // copy (12) and in the matrix (12); per column the copy's offsets, counts and a work vector (12
  // bytes), per row the matrix's offsets and two work vectors (12). A header with few entries but
  // many columns needs memory for the columns too.
  require_memory(40.0 * double(stored) + 12.0 * (double(rows) + 1) + 12.0 * (double(cols) + 1),
                 fmt::format("{}: the {} x {} matrix with {} entries", path, rows, cols, nnz));

  std::vector<Eigen::Triplet<double>> trip;
  // Reserved up to a bound: a header may promise more entries than the file holds.
  trip.reserve(static_cast<std::size_t>(std::min<long>(stored, 1L << 20)));
  long array_i = 0, array_j = 0;  // the next entry of an array file
  for (long e = 0; e < nnz; ++e) {
    if (!next_data_line(line))
      throw InputError(fmt::format("{}: expected {} entries, found {}", path, nnz, e));
    auto t = tokens(line);
    long i = 0, j = 0;
    double v = 1;
    if (format == "coordinate") {
      const std::size_t want = field == "pattern" ? 2 : 3;
      if (t.size() != want)
        throw InputError(
            fmt::format("{}:{}: expected {} fields, found {}", path, lineno, want, t.size()));
      i = parse_index(t[0], path, lineno);
      j = parse_index(t[1], path, lineno);
      if (field != "pattern") v = parse_number(t[2], path, lineno);
      if (i < 1 || i > rows || j < 1 || j > cols)
        throw InputError(
            fmt::format("{}:{}: index ({}, {}) outside {} x {}", path, lineno, i, j, rows, cols));
    } else {
      if (t.size() != 1)
        throw InputError(fmt::format("{}:{}: expected one value per line", path, lineno));
      // Array format is column-major (a symmetric one from the diagonal down).
      i = array_i + 1;
      j = array_j + 1;
      if (++array_i == rows) {
        ++array_j;
        array_i = symmetric ? array_j : 0;
      }
      v = parse_number(t[0], path, lineno);
    }
    trip.emplace_back(i - 1, j - 1, v);
    if (symmetric && i != j) trip.emplace_back(j - 1, i - 1, v);
  }
  if (next_data_line(line))
    throw InputError(fmt::format("{}:{}: more entries than the {} declared", path, lineno, nnz));
  SparseRowMatrix A(rows, cols);
  A.setFromTriplets(trip.begin(), trip.end());
  return A;
}

}  // namespace thmcheck
