#include "default_kb.hpp"

// .incbin copies the database built from kb/corpus into read-only data: no file to find at run time.
asm(".section .rodata\n"
    ".balign 16\n"
    "lexq_default_kb_begin:\n"
    ".incbin \"" LEXQ_DEFAULT_KB_PATH "\"\n"
    "lexq_default_kb_end:\n"
    ".previous\n");

extern "C" const unsigned char lexq_default_kb_begin[];
extern "C" const unsigned char lexq_default_kb_end[];

namespace lexq::kb {

Blob default_database() {
    return {lexq_default_kb_begin, static_cast<std::size_t>(lexq_default_kb_end - lexq_default_kb_begin)};
}

}  // namespace lexq::kb
