// The tokenizer: lexq's own (document mode) and the whole FTS5 chain in document and query mode. Every token's
// byte offsets lie inside the text, in order.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sqlite.hpp"
#include "tokenizer.hpp"

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

template <class Token>
void check(const std::vector<Token>& tokens, std::size_t size) {
    for (const auto& token : tokens) {
        require(0 <= token.start && token.start <= token.end);
        require(static_cast<std::size_t>(token.end) <= size);
    }
}

const lexq::kb::IndexTokenizer& chain() {
    static const lexq::kb::Database db = lexq::kb::Database::open(":memory:", false);
    static const lexq::kb::IndexTokenizer tokenizer(db.handle());
    return tokenizer;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    check(lexq::kb::tokenize_document(text), size);
    check(chain().document(text), size);
    check(chain().query(text), size);
    (void)lexq::kb::fold(text);
    (void)lexq::kb::ends_with_lone_ideograph(text);
    return 0;
}
