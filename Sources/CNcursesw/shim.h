// The wide-character ncurses API for Swift 6: the header plus one tiny inline function per C global or
// macro Swift cannot use (mutable globals are not concurrency-safe, function-like macros are not imported).
#ifndef DIGIT_CNCURSESW_SHIM_H
#define DIGIT_CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

static inline WINDOW *digit_stdscr(void) { return stdscr; }
static inline int digit_lines(void) { return LINES; }
static inline int digit_cols(void) { return COLS; }
static inline int digit_colors(void) { return COLORS; }
static inline int digit_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int digit_key_resize(void) { return KEY_RESIZE; }
static inline int digit_attr_bold(void) { return (int)A_BOLD; }
static inline int digit_attr_reverse(void) { return (int)A_REVERSE; }
static inline int digit_attr_dim(void) { return (int)A_DIM; }
static inline int digit_attr_underline(void) { return (int)A_UNDERLINE; }
static inline const char *digit_codeset(void) { return nl_langinfo(CODESET); }
/// get_wch on stdscr: OK, KEY_CODE_YES (a function key in *ch) or ERR (timeout).
static inline int digit_get_wch(unsigned int *ch) {
  wint_t w = 0;
  int r = wget_wch(stdscr, &w);
  *ch = (unsigned int)w;
  return r;
}
static inline int digit_key_code_yes(void) { return KEY_CODE_YES; }
/// Turns off curses' reading of its terminal description's mouse key (`kmous`, e.g. `\E[<` for xterm),
/// so that mouse reports come through as characters for the caller to parse: curses' own parsing read a
/// press and a release that arrived together as one event and kept only the release.
static inline void digit_mouse_key_off(void) { keyok(KEY_MOUSE, FALSE); }
/// Whether curses can draw on the terminal named by TERM, checked without initscr (which ends the
/// process when it cannot): 1 yes; 0 no terminfo entry for TERM; -1 no terminfo database; -2 the entry
/// has no cursor addressing (a hard-copy or generic terminal).
static inline int digit_terminal_usable(void) {
  int err = 0;
  if (setupterm(NULL, 1, &err) != OK) return err == -1 ? -1 : 0;
  const char *cup = tigetstr("cup");
  int usable = cup != NULL && cup != (const char *)-1;
  del_curterm(cur_term);
  return usable ? 1 : -2;
}
#endif
