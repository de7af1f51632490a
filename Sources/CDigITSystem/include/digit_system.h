#ifndef DIGIT_SYSTEM_H
#define DIGIT_SYSTEM_H

// System calls that Swift's Glibc module does not show (they are declared only under _GNU_SOURCE).

#include <errno.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#ifdef __linux__
int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);
#elif defined(__APPLE__)
#include <stdio.h>
#endif

/// Renames `from` to `to`, failing with EEXIST when `to` exists (no check-then-rename race).
/// Fails with EINVAL or ENOSYS where the file system or system cannot do it; the caller falls back.
static inline int digit_rename_noreplace(const char *from, const char *to) {
#ifdef __linux__
  return renameat2(-100 /* AT_FDCWD */, from, -100, to, 1 /* RENAME_NOREPLACE */);
#elif defined(__APPLE__)
  return renamex_np(from, to, RENAME_EXCL);
#else
  errno = ENOSYS;
  return -1;
#endif
}

/// Swaps `a` and `b` (both must exist) in one step: neither name is ever missing. Fails like
/// digit_rename_noreplace where unsupported.
static inline int digit_rename_exchange(const char *a, const char *b) {
#ifdef __linux__
  return renameat2(-100 /* AT_FDCWD */, a, -100, b, 2 /* RENAME_EXCHANGE */);
#elif defined(__APPLE__)
  return renamex_np(a, b, RENAME_SWAP);
#else
  errno = ENOSYS;
  return -1;
#endif
}

/// Keeps the memory the process frees for its own next allocations instead of handing it back to the
/// system at once. With glibc's defaults an allocation above 128 KB (a feed file's bytes, a column of
/// rows) is mapped fresh and unmapped when freed, and the heap's free top is trimmed, so the next one
/// faults in fresh pages again: on the large benchmark root `digit summary` cold took 111,000 page
/// faults for its 275 MB. Allocations up to 4 MB now come from the heap, and its free top is kept
/// (measured there: 64,000 faults, 1.05 → 0.94 s, peak 275 → 280 MB; with 32 MB `digit export` took
/// 0.2 s longer and 50 MB more). `digit summary` calls it: a run that ends when it has printed. Not the
/// dashboard, which lives on (it would keep the memory of its peak after a reload), nor `digit export`
/// (no faster with it). Elsewhere than glibc it does nothing.
static inline void digit_keep_freed_memory(void) {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 0x7fffffff);
#endif
}

#endif
