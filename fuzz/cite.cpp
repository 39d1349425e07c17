// The citation parser: scanning running text and a typed citation, and resolving each citation found,
// against the catalog of the embedded knowledge base. Every span lies inside the text.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "citations.hpp"
#include "default_kb.hpp"

namespace {

const lexq::kb::Catalog& catalog() {
    static const lexq::kb::Database db = [] {
        const lexq::kb::Blob blob = lexq::kb::default_database();
        return lexq::kb::Database::from_memory(blob.data, blob.size);
    }();
    static const lexq::kb::Catalog catalog(db);
    return catalog;
}

void check(const std::vector<lexq::cite::Citation>& found, std::size_t size, const lexq::kb::CitationContext& context) {
    for (const auto& citation : found) {
        if (citation.span.offset > size || citation.span.length > size - citation.span.offset) std::abort();
        (void)lexq::kb::resolve(catalog(), citation, context);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    // Typed by a user, and standing in a provision (for 本法, 前款, a bare 第X条).
    check(lexq::cite::scan_typed(text, catalog()), size, {"", 0, 0, 0, "2026-06-01"});
    check(lexq::cite::scan(text, catalog()), size, {"CL", 24600, 2, 0, "2024-01-01"});
    return 0;
}
