#include "base/pb_escape.h"

void pb_escape_write(FILE *f, const char *text, size_t max)
{
    size_t n = 0;
    for (const unsigned char *c = (const unsigned char *)text; *c; c++, n++) {
        if (n == max) {
            fputs(" [...]", f);
            break;
        }
        if (*c == '\n')
            fputs("\\n", f);
        else if (*c == '\r')
            fputs("\\r", f);
        else if ((*c < 0x20 && *c != '\t') || *c == 0x7f)
            fprintf(f, "\\x%02x", *c);
        else
            fputc(*c, f);
    }
}
