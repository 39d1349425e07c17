// Reads one corpus file into the model, reporting every problem with its line.
#pragma once

#include <optional>
#include <string>

#include "model.hpp"

namespace lexq::kb {

// Returns the instrument when the file is usable; appends each problem to `out`.
std::optional<Instrument> read_instrument(const std::string& path, Diagnostics& out);

// The same from text in memory; `path` is only used in messages.
std::optional<Instrument> parse_instrument(std::string_view text, const std::string& path, Diagnostics& out);

// Reads the vocabulary of facts; problems are appended to `out`.
std::vector<FactDef> read_facts(const std::string& path, Diagnostics& out);

// A file's bytes; nullopt when it cannot be read.
std::optional<std::string> read_file(const std::string& path);

// The line of the first invalid UTF-8 sequence, or 0 when `text` is valid.
int first_invalid_utf8_line(std::string_view text);

}  // namespace lexq::kb
