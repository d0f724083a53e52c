#include "thmcheck/core/memory.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <limits>

#include "thmcheck/core/errors.hpp"

namespace thmcheck {

double memory_limit_bytes() {
  double limit = std::numeric_limits<double>::infinity();
  const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
  if (pages > 0 && page > 0) limit = double(pages) * double(page);
  // cgroup v2 writes "max" when unlimited, a number of bytes otherwise.
  std::ifstream cgroup("/sys/fs/cgroup/memory.max");
  double cap = 0;
  if (cgroup >> cap && cap > 0) limit = std::min(limit, cap);
  if (const char* env = std::getenv("THMCHECK_MEMORY_LIMIT")) {
    char* end = nullptr;
    const double v = std::strtod(env, &end);
    if (end != env && *end == '\0' && v > 0) limit = std::min(limit, v);
  }
  return limit;
}

std::string bytes_text(double bytes) {
  if (!(bytes < 1e30)) return fmt::format("{:.3g} bytes", bytes);
  if (bytes >= 1e12) return fmt::format("{:.1f} TB", bytes / 1e12);
  if (bytes >= 1e9) return fmt::format("{:.1f} GB", bytes / 1e9);
  if (bytes >= 1e6) return fmt::format("{:.0f} MB", bytes / 1e6);
  return fmt::format("{:.0f} bytes", bytes);
}

void require_memory(double bytes, const std::string& what) {
  const double limit = memory_limit_bytes();
  if (bytes > limit)
    throw InputError(fmt::format("{} needs about {} of memory, more than the {} this machine has",
                                 what, bytes_text(bytes), bytes_text(limit)));
}

}  // namespace thmcheck
