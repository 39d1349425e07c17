// The knowledge base compiled from kb/corpus/ at build time and embedded in the program.
#pragma once

#include <cstddef>

namespace lexq::kb {

struct Blob {
    const unsigned char* data;
    std::size_t size;
};

Blob default_database();

}  // namespace lexq::kb
