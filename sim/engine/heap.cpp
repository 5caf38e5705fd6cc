#include "engine/heap.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace ecosim {

void settle_heap() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  mallopt(M_TRIM_THRESHOLD, 2 << 20);
#endif
}

}  // namespace ecosim
