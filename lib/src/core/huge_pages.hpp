// Backing a large array with 2 MB pages where the kernel allows it (Linux, transparent huge pages
// in "madvise" mode, as on Debian). Random rows of a matrix far larger than the caches each cost a
// TLB miss with 4 KB pages; with 2 MB pages the gathers of the minibatch kernels run faster. The
// same holds for the per-row arrays read at the drawn rows (b, 1/p, the alias table's columns).
// Values are untouched: results do not depend on it. Private to the library.
#pragma once

#include <cstddef>

namespace thmcheck::detail {

// Asks for huge pages on the 2 MB-aligned part of [p, p + bytes). Call before the memory is first
// written (pages are chosen when first touched). A no-op elsewhere, and when the kernel refuses.
void advise_huge_pages(void* p, std::size_t bytes);

// The same for memory already written: asks the kernel to move the 2 MB-aligned part of
// [p, p + bytes) into huge pages now (MADV_COLLAPSE, Linux 6.1 and later; it copies the pages). For
// arrays whose allocation the caller does not control (a std::vector may reuse pages the heap has
// touched before). A no-op where the kernel cannot, and for arrays under 4 MB (at most one huge
// page would be gained).
void collapse_huge_pages(const void* p, std::size_t bytes);

}  // namespace thmcheck::detail
