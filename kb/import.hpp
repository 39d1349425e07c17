// A statute in Markdown (markdown.hpp) as an instrument of the knowledge base, with its metadata given by the
// user or read from the file: the title from "# ", dates from the front matter, headings with their ranges.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// The same from a file; nullopt when it cannot be read or is not UTF-8.
std::optional<Instrument> read_markdown_statute(const std::string& path, const ImportOptions& options, Diagnostics& out);

// Adds an imported statute to `corpus`. Under a new id it is a new instrument. Under the id of an instrument
// already there (a corpus instrument, or an earlier file of the same code) it adds the articles and headings
// that instrument lacks, and keeps the ones it has.
void merge_import(std::vector<Instrument>& corpus, Instrument in);

}  // namespace lexq::kb
