// A statute in Markdown (markdown.hpp) as an instrument of the knowledge base, with its metadata given by the
// user or read from the file: the title from "# ", dates from the front matter, headings with their ranges.
#pragma once

#include <string>
#include <string_view>

#include "model.hpp"

namespace lexq::kb {

struct ImportOptions {
    std::string id;              // required: the instrument's short id, as in CL
    std::string short_title_zh;  // default: the title without 中华人民共和国
    std::string title_en;        // default: empty (no English)
    std::string kind = "law";
};

// The instrument, or problems in `out` as file:line (the instrument is then unusable).
Instrument import_markdown_statute(std::string_view text, const std::string& file, const ImportOptions& options,
                                   Diagnostics& out);

}  // namespace lexq::kb
