// Turns engine outcomes into text for people. Driven by a spec, so tests need no terminal.
#pragma once

#include <string>
#include <string_view>

#include "lexq/lexq.hpp"

namespace lexq::shell {

enum class Lang { zh, en, both };

// plain: the shell's own layout; table, box, markdown: rows and columns; json: one document a statement.
enum class Mode { plain, table, box, markdown, json };

struct RenderSpec {
    Lang lang = Lang::both;
    bool color = false;
    Mode mode = Mode::plain;
    std::size_t width = 0;  // terminal columns to wrap to; 0: no wrapping
};

std::string render(const Result& result, const RenderSpec& spec);
std::string render_plain(const Result& result, const RenderSpec& spec);

// "error: <kind>: <message>", then the offending line with a caret under the error position
// (aligned under wide Chinese characters). `line_number` > 0 prefixes "line N".
std::string render_error(const Error& error, std::string_view source, int line_number, const RenderSpec& spec);

// Terminal columns `text` occupies: East Asian wide and fullwidth characters take two.
std::size_t display_width(std::string_view text);

}  // namespace lexq::shell
