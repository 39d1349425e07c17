// The corpus compiler's file reader: one TOML file of kb/corpus/ read and, when usable, validated. A file that
// is refused says why.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "reader.hpp"
#include "validate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    lexq::kb::Diagnostics problems;
    auto instrument = lexq::kb::parse_instrument(text, "fuzz.toml", problems);
    if (!instrument && problems.empty()) std::abort();
    if (instrument) {
        lexq::kb::validate(*instrument, problems);
        lexq::kb::validate_links({*instrument}, problems);
    }
    return 0;
}
