#include <sqlite3.h>

/// SQLITE_TRANSIENT (a macro Swift cannot import): SQLite copies the bound text at once.
static inline sqlite3_destructor_type digit_sqlite_transient(void) { return SQLITE_TRANSIENT; }
