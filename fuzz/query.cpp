// The query parser: any text parses to statements or to one syntax error, and every position it reports lies
// inside the text.
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>

#include "ast.hpp"
#include "lexq/lexq.hpp"
#include "parser.hpp"

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

bool inside(const lexq::ast::Span& span, std::size_t size) {
    return span.offset <= size && span.length <= size - span.offset;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = lexq::grammar::parse(text);
    if (const auto* error = std::get_if<lexq::ast::SyntaxError>(&parsed)) {
        require(error->offset <= size);
        require(!error->message.empty());
    } else {
        for (const auto& statement : std::get<lexq::ast::Script>(parsed).statements) {
            require(inside(statement.span, size));
            if (const auto* search = std::get_if<lexq::ast::Search>(&statement.node)) {
                require(search->query != nullptr);
                (void)lexq::ast::to_string(*search->query);
            }
            if (const auto* show = std::get_if<lexq::ast::Show>(&statement.node))
                (void)lexq::ast::to_string(show->citation);
        }
    }
    (void)lexq::is_complete(text);
    return 0;
}
