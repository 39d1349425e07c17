// corpus files → one SQLite knowledge base, validated, written atomically.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"
#include "rulebook.hpp"

namespace lexq::kb {

struct BuildStats {
    int instruments = 0;
    int articles = 0;
    int units = 0;  // paragraphs and items
    int citations = 0;
    int rules = 0;
};

// Called as the build goes: the phase ("articles", "citations", "index"), how far it is, and its size.
using Progress = std::function<void(std::string_view phase, std::size_t done, std::size_t total)>;

// Reads and validates every file; the corpus is usable only when `out` stays empty.
std::vector<Instrument> load_corpus(const std::vector<std::string>& files, Diagnostics& out);

// Writes the database to `path` through a temporary file and a rename, so a failure leaves any
// previous database untouched. Throws on I/O or SQLite errors.
// `rules` (may be empty) is written too; its citation problems are appended to `problems`, and then the
// database is not written.
BuildStats write_database(const std::vector<Instrument>& corpus, const std::string& path, const RuleBook& rules = {},
                          Diagnostics* problems = nullptr, const Progress& progress = {});

// The *.toml files of a directory, sorted.
std::vector<std::string> corpus_files(const std::string& directory);

}  // namespace lexq::kb
