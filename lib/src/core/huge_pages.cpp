#include "huge_pages.hpp"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace thmcheck::detail {

namespace {

constexpr std::uintptr_t kHuge = std::uintptr_t(2) << 20;

// The 2 MB-aligned part of [p, p + bytes), empty when there is none.
struct Aligned {
  std::uintptr_t lo, hi;
};
Aligned aligned_part(const void* p, std::size_t bytes) {
  const std::uintptr_t lo = (reinterpret_cast<std::uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t hi = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(kHuge - 1);
  return {lo, hi > lo ? hi : lo};
}

}  // namespace

void advise_huge_pages(void* p, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const Aligned a = aligned_part(p, bytes);
  if (a.hi > a.lo)
    (void)madvise(reinterpret_cast<void*>(a.lo), a.hi - a.lo,
                  MADV_HUGEPAGE);  // advice: failure is harmless
#else
  (void)p;
  (void)bytes;
#endif
}

void collapse_huge_pages(const void* p, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  // MADV_COLLAPSE's value in Linux's uapi headers; older C libraries do not define it, and older
  // kernels reject it (EINVAL), which is harmless.
#ifndef MADV_COLLAPSE
  constexpr int MADV_COLLAPSE = 25;
#endif
  if (bytes < 2 * kHuge) return;
  const Aligned a = aligned_part(p, bytes);
  if (a.hi > a.lo) {
    (void)madvise(reinterpret_cast<void*>(a.lo), a.hi - a.lo, MADV_HUGEPAGE);
    (void)madvise(reinterpret_cast<void*>(a.lo), a.hi - a.lo, MADV_COLLAPSE);
  }
#else
  (void)p;
  (void)bytes;
#endif
}

}  // namespace thmcheck::detail
