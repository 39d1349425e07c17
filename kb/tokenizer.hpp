// The FTS5 tokenizer "lexq": Chinese as overlapping character bigrams, other scripts as words,
// everything NFKC-casefolded through ICU, with byte offsets into the original text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>

namespace lexq::kb {

inline constexpr const char* tokenizer_name = "lexq";
inline constexpr const char* tokenizer_version = "lexq-bigram-1";

// Registers the tokenizer on a connection; throws SqliteError when SQLite lacks FTS5.
void register_tokenizer(sqlite3* db);

// True for characters indexed as Chinese (ideographs), which the tokenizer pairs into bigrams.
bool is_ideograph(char32_t c);

// True when `text` ends with a lone ideograph, which a query must match as a prefix of a bigram.
bool ends_with_lone_ideograph(std::string_view text);

struct Token {
    std::string text;
    int start = 0;
    int end = 0;
    bool colocated = false;
};

// NFKC case folding through ICU, the normalisation applied to instrument names and tokens alike.
std::string fold(std::string_view text);

// Document-mode tokens, for tests and introspection.
std::vector<Token> tokenize_document(std::string_view text);

}  // namespace lexq::kb
