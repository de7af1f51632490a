#ifndef DIGIT_SYSTEM_H
#define DIGIT_SYSTEM_H

// System calls that Swift's Glibc module does not show (they are declared only under _GNU_SOURCE).

#include <errno.h>
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

#endif
