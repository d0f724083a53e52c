// Huge pages are advice to the kernel: whatever it does with them, the values stay. MADV_COLLAPSE
// copies written pages into new ones, so the check that matters is that an array reads back the
// same after it.
#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "core/huge_pages.hpp"

namespace {

// Distinct, nonzero values that a copy of the wrong page or a page left zero would change.
double pattern(std::size_t i) { return double(i) * 0.5 + 1.0 / double(i + 3); }

}  // namespace

TEST_CASE("collapsing an array into huge pages keeps its values", "[quick][memory]") {
  // 7 MB: the 2 MB-aligned part is two or three huge pages, with 4 KB pages on both sides.
  const std::size_t n = (std::size_t(7) << 20) / sizeof(double);
  std::vector<double> a(n);
  for (std::size_t i = 0; i < n; ++i) a[i] = pattern(i);
  thmcheck::detail::collapse_huge_pages(a.data(), n * sizeof(double));
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < n; ++i) wrong += a[i] != pattern(i);
  CHECK(wrong == 0);
  // Written again after the collapse: the pages are ordinary memory.
  for (std::size_t i = 0; i < n; i += 4099) a[i] = -a[i];
  for (std::size_t i = 0; i < n; ++i) wrong += a[i] != (i % 4099 == 0 ? -pattern(i) : pattern(i));
  CHECK(wrong == 0);
}

TEST_CASE("huge-page advice on memory not yet written, and on ranges too small to hold one",
          "[quick][memory]") {
  std::vector<std::uint64_t> big;
  big.reserve((std::size_t(5) << 20) / sizeof(std::uint64_t));
  thmcheck::detail::advise_huge_pages(big.data(), big.capacity() * sizeof(std::uint64_t));
  for (std::size_t i = 0; i < big.capacity(); ++i) big.push_back(i * 2654435761u);
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < big.size(); ++i) wrong += big[i] != i * 2654435761u;
  CHECK(wrong == 0);
  // No 2 MB-aligned page inside: nothing to ask for, and nothing may fail.
  double small[16] = {1, 2, 3};
  thmcheck::detail::advise_huge_pages(small, sizeof small);
  thmcheck::detail::collapse_huge_pages(small, sizeof small);
  thmcheck::detail::collapse_huge_pages(nullptr, 0);
  CHECK(small[2] == 3);
}
