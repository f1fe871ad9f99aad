#ifndef CWIDTH_H
#define CWIDTH_H
/// Columns a Unicode scalar takes in a terminal (wcwidth), -1 for non-printable.
int cwidth_of(unsigned int scalar);
/// Sets LC_CTYPE so wcwidth knows UTF-8; returns 1 when a UTF-8 locale is active.
int cwidth_ensure_utf8_locale(void);
#endif
