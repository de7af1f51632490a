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
static inline int digit_key_mouse(void) { return KEY_MOUSE; }
/// Mouse reporting on or off: curses' own (presses, releases and the wheel, no clicks made up from them,
/// as the terminal description says: 1000, or 1000 with 1006), and SGR reports (1006) asked for in any
/// case, which the caller parses when curses passes them on as characters.
static inline void digit_mouse(int on) {
  if (on) {
    mouseinterval(0);
    mousemask(ALL_MOUSE_EVENTS, NULL);
    putp("\033[?1006h");
  } else {
    mousemask(0, NULL);
    putp("\033[?1006l");
  }
}
/// The mouse event curses read (after KEY_MOUSE): 0 none; else kind 1 press, 2 release, 3 wheel up,
/// 4 wheel down; button 1–3 (0 for the wheel); mods: 1 Shift, 2 Alt, 4 Ctrl.
static inline int digit_getmouse(int *kind, int *button, int *x, int *y, int *mods) {
  MEVENT e;
  if (getmouse(&e) != OK) return 0;
  mmask_t s = e.bstate;
  *x = e.x;
  *y = e.y;
  *mods = ((s & BUTTON_SHIFT) ? 1 : 0) | ((s & BUTTON_ALT) ? 2 : 0) | ((s & BUTTON_CTRL) ? 4 : 0);
  *kind = 0;
  *button = 0;
  if (s & BUTTON4_PRESSED) *kind = 3;
#if NCURSES_MOUSE_VERSION > 1
  else if (s & BUTTON5_PRESSED) *kind = 4;
#endif
  else if (s & BUTTON1_PRESSED) { *kind = 1; *button = 1; }
  else if (s & BUTTON1_RELEASED) { *kind = 2; *button = 1; }
  else if (s & BUTTON2_PRESSED) { *kind = 1; *button = 2; }
  else if (s & BUTTON2_RELEASED) { *kind = 2; *button = 2; }
  else if (s & BUTTON3_PRESSED) { *kind = 1; *button = 3; }
  else if (s & BUTTON3_RELEASED) { *kind = 2; *button = 3; }
  return *kind != 0;
}
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
