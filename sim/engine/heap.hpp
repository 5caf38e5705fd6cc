// How the process's heap hands out and returns memory, set once at start by each program.
#pragma once

namespace ecosim {

// Blocks below 1 MiB come from the heap and freed memory up to 2 MiB stays there. glibc's
// default moves both limits at run time: they rose only when HDF5 happened to free a 1 MiB
// conversion buffer, and otherwise each yearly snapshot of a 26,000-firm run (columns of about
// 200 KiB) was mapped afresh and faulted in page by page. Larger blocks (a million-firm
// table's columns) are still mapped on their own and returned when freed.
void settle_heap();

}  // namespace ecosim
