// Sequential looks: a claim that samples in stages looks at n0, 2 n0, 4 n0, ..., nmax trials (per
// instance, or in all) and stops as soon as its verdict is decided. The looks are fixed in advance,
// so alpha is split evenly over them (Bonferroni) and the false-alarm level holds despite the
// peeking.
#pragma once

#include <algorithm>
#include <cstddef>

namespace thmcheck {

// The number of looks at n0, 2 n0, 4 n0, ..., nmax.
inline std::size_t planned_looks(std::size_t n0, std::size_t nmax) {
  n0 = std::max<std::size_t>(1, n0);
  std::size_t looks = 1;
  for (std::size_t n = n0; n < nmax; n = std::min(2 * n, nmax)) ++looks;
  return looks;
}

// The trials at the look after one at n.
inline std::size_t next_look(std::size_t n, std::size_t nmax) { return std::min(2 * n, nmax); }

}  // namespace thmcheck
