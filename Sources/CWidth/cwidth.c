#define _XOPEN_SOURCE 700
#include <wchar.h>
#include <locale.h>
#include <string.h>
#include <langinfo.h>
#include "CWidth.h"

int cwidth_of(unsigned int scalar) { return wcwidth((wchar_t)scalar); }

int cwidth_ensure_utf8_locale(void) {
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    if (codeset && strcmp(codeset, "UTF-8") == 0) return 1;
    if (setlocale(LC_CTYPE, "C.UTF-8") != NULL) return 1;
    return 0;
}
