// The memory this machine gives the process, so that a size read from a file header or the command
// line that cannot fit is refused (InputError naming it) before anything is allocated, rather than
// ending in std::bad_alloc or an out-of-memory kill minutes later.
#pragma once

#include <string>

namespace thmcheck {

// Physical memory, or the cgroup's limit when it is lower (a container, a batch job); +infinity
// when neither can be read. The environment variable THMCHECK_MEMORY_LIMIT (bytes) lowers it
// further: the fuzzers set it below libFuzzer's -rss_limit_mb (docs/hardening.md).
double memory_limit_bytes();

// "8.0 GB", "512 MB": a size for messages.
std::string bytes_text(double bytes);

// Throws InputError "WHAT needs about N of memory, more than the M this machine has" when `bytes`
// exceeds memory_limit_bytes().
void require_memory(double bytes, const std::string& what);

}  // namespace thmcheck
