// Backing a large array with 2 MB pages where the kernel allows it (Linux, transparent huge pages
// in "madvise" mode, as on Debian). Random rows of a matrix far larger than the caches each cost a
// TLB miss with 4 KB pages; with 2 MB pages the gathers of the minibatch kernels run faster. Values
// are untouched: results do not depend on it. Private to the library.
#pragma once

#include <cstddef>

namespace thmcheck::detail {

// Asks for huge pages on the 2 MB-aligned part of [p, p + bytes). Call before the memory is first
// written (pages are chosen when first touched). A no-op elsewhere, and when the kernel refuses.
void advise_huge_pages(void* p, std::size_t bytes);

}  // namespace thmcheck::detail
