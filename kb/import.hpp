// A statute in Markdown (markdown.hpp) as an instrument of the knowledge base, with its metadata given by the
// user or read from the file: the title from "# ", dates from the front matter, headings with their ranges.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model.hpp"

namespace lexq::kb {

struct ImportOptions {
    std::string id;              // the instrument's short id, as in CL (required here; see choose_id)
    std::string short_title_zh;  // default: the title without 中华人民共和国
    std::string title_en;        // default: empty (no English)
    std::string kind = "law";
    std::vector<std::string> issuers;
    std::string supersedes;  // the id of the older version this statute replaces
};

// The id for a statute imported without one, and why it was chosen, for the user to confirm.
struct IdChoice {
    std::string id;
    std::string reason;
};

// The corpus instrument with the statute's title (for versions of one title, the one whose latest date is
// the file's), or else the pinyin initials of its short title (网络安全法 → WLAQF), with the year of
// adoption added when an instrument already has them. An error message when the title is ambiguous.
std::variant<IdChoice, std::string> choose_id(const Instrument& in, const std::vector<Instrument>& corpus);

// The instrument, or problems in `out` as file:line (the instrument is then unusable).
Instrument import_markdown_statute(std::string_view text, const std::string& file, const ImportOptions& options,
                                   Diagnostics& out);

// The same from a file; nullopt when it cannot be read or is not UTF-8.
std::optional<Instrument> read_markdown_statute(const std::string& path, const ImportOptions& options, Diagnostics& out);

// Adds an imported statute to `corpus`. Under a new id it is a new instrument. Under the id of an instrument
// already there (a corpus instrument, or an earlier file of the same code) it adds the articles and headings
// that instrument lacks, and keeps the ones it has.
void merge_import(std::vector<Instrument>& corpus, Instrument in);

// One file to import, with what the user said about it (an empty id: choose_id).
struct ImportRequest {
    std::string path;
    ImportOptions options;
};

// Imports every file into `corpus` and validates the result. Returns, for each instrument imported into, a
// line saying what was read and how the id was chosen, for the user to confirm; problems go to `out`, and
// then the corpus must not be written. Files are read and parsed on several threads, their results taken
// in the files' order; `on_file` is told, on the calling thread, how many are read (for a progress bar).
std::vector<std::string> import_statutes(std::vector<Instrument>& corpus, const std::vector<ImportRequest>& requests,
                                         Diagnostics& out, const std::function<void(std::size_t done)>& on_file = {});

}  // namespace lexq::kb
