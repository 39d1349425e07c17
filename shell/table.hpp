// Results as tables (.mode table|box|markdown), aligned by display width so Chinese lines up.
#pragma once

#include <string>
#include <vector>

#include "lexq/lexq.hpp"

namespace lexq::shell {

enum class TableStyle { ascii, box, markdown };

struct Table {
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;
};

// The rows a result shows: provisions, hits, references, findings. `zh`/`en` pick the text columns.
Table table_of(const Result& result, bool zh, bool en);

// Cells wider than their share of `width` (0: no limit) wrap onto further lines within the cell.
std::string format_table(const Table& table, TableStyle style, std::size_t width);

// Breaks lines longer than `width` display columns, keeping each line's indentation.
std::string wrap_lines(const std::string& text, std::size_t width);

}  // namespace lexq::shell
