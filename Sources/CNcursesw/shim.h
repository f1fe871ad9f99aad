#ifndef ASTRO_NCURSES_SHIM_H
#define ASTRO_NCURSES_SHIM_H
// The wide-character API (cchar_t, get_wch, WACS_*) needs these before curses.h; SwiftPM drops the
// pkg-config flags that would set them.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <stdio.h>
#include <ncursesw/curses.h>

// Swift 6 cannot read these C globals (not concurrency-safe) or import these macros: tiny accessors.
static inline WINDOW *astro_stdscr(void) { return stdscr; }
static inline int astro_colors(void) { return COLORS; }
static inline int astro_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t astro_a_normal(void) { return A_NORMAL; }
static inline attr_t astro_a_bold(void) { return A_BOLD; }
static inline attr_t astro_a_dim(void) { return A_DIM; }
static inline attr_t astro_a_reverse(void) { return A_REVERSE; }
static inline attr_t astro_a_underline(void) { return A_UNDERLINE; }
static inline attr_t astro_a_italic(void) { return A_ITALIC; }
static inline attr_t astro_a_standout(void) { return A_STANDOUT; }
static inline attr_t astro_a_color(void) { return A_COLOR; }
static inline attr_t astro_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
static inline int astro_pair_number(attr_t a) { return (int)PAIR_NUMBER(a); }

static inline int astro_key_f(int n) { return KEY_F(n); }

static inline void astro_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }
static inline void astro_getyx(WINDOW *w, int *y, int *x) { getyx(w, *y, *x); }

// Boxes with the Unicode line characters (wborder with 0 draws old-style q/x characters).
static inline int astro_box_set(WINDOW *w) { return wborder_set(w, WACS_VLINE, WACS_VLINE, WACS_HLINE, WACS_HLINE,
    WACS_ULCORNER, WACS_URCORNER, WACS_LLCORNER, WACS_LRCORNER); }
#endif
