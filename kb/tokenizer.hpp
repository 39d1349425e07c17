// The FTS5 tokenizer "lexq": Chinese as overlapping character bigrams, other scripts as words,
// everything NFKC-casefolded through ICU, with byte offsets into the original text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>

namespace lexq::kb {

inline constexpr const char* tokenizer_name = "lexq";
inline constexpr const char* tokenizer_version = "lexq-bigram-2";
// The FTS5 tokenizer chain: Porter stemming of English words wraps lexq's own tokenizer.
inline constexpr const char* tokenizer_chain = "porter lexq";

// Registers the tokenizer on a connection; throws SqliteError when SQLite lacks FTS5.
void register_tokenizer(sqlite3* db);

// True for characters indexed as Chinese (ideographs), which the tokenizer pairs into bigrams.
bool is_ideograph(char32_t c);

// The code points of UTF-8 text (its bytes that are not continuation bytes).
std::size_t code_points(std::string_view text);

// True when `text` ends with a lone ideograph, which a query must match as a prefix of a bigram.
bool ends_with_lone_ideograph(std::string_view text);

struct Token {
    std::string text;
    int start = 0;
    int end = 0;
    bool colocated = false;
};

// The CJK Unified Ideographs block, which NFKC case folding leaves unchanged (a test checks it against ICU).
inline constexpr char32_t first_unified_ideograph = 0x4E00;
inline constexpr char32_t last_unified_ideograph = 0x9FFF;

// NFKC case folding through ICU, the normalisation applied to instrument names and tokens alike.
std::string fold(std::string_view text);
// fold() of one code point, without copying it (valid for the calling thread's lifetime).
const std::string& fold_code_point(char32_t c);

// Document-mode tokens of lexq's own tokenizer (before stemming), for tests and introspection.
std::vector<Token> tokenize_document(std::string_view text);

// How many positions the index gives a text (colocated tokens share one), without keeping the tokens.
int count_positions(std::string_view text);

// Whether some ideograph of the text folds to a text that starts with `start`: an index token starting
// with an ideograph comes only from such a character.
bool has_ideograph_folding_to(std::string_view text, std::string_view start);

// Whether two ideographs side by side in the text fold to `pair`: an index bigram comes only from such two.
bool has_ideographs_folding_to(std::string_view text, std::string_view pair);

// Tokens exactly as the search index sees them: the whole chain (tokenizer_chain, Porter included), taken
// from the FTS5 module of a connection, with positions (colocated tokens share one).
class IndexTokenizer {
public:
    explicit IndexTokenizer(sqlite3* db);
    ~IndexTokenizer();
    IndexTokenizer(const IndexTokenizer&) = delete;
    IndexTokenizer& operator=(const IndexTokenizer&) = delete;

    struct Positioned {
        std::string text;
        int start = 0;  // bytes into the text
        int end = 0;
        int position = 0;
    };
    std::vector<Positioned> document(std::string_view text) const;
    std::vector<Positioned> query(std::string_view text) const;

private:
    std::vector<Positioned> run(std::string_view text, int flags) const;
    fts5_tokenizer methods_{};
    Fts5Tokenizer* instance_ = nullptr;
};

}  // namespace lexq::kb
