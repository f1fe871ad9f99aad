#ifndef ASTRO_NCURSES_SHIM_H
#define ASTRO_NCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <ncursesw/curses.h>
static inline WINDOW *astro_stdscr(void) { return stdscr; }
#endif
