#include "tokenizer.hpp"

#include <cstdlib>
#include <memory>
#include <set>
#include <unordered_map>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "sqlite.hpp"
#include "t2s.hpp"

namespace lexq::kb {
namespace {

// One character after normalisation, with its byte span in the original text.
struct Unit {
    int start;
    int end;
    const std::string* text;  // in the per-thread cache of folded(), which never moves its strings
};

const icu::Normalizer2& folding() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) throw SqliteError("ICU NFKC_Casefold data is missing");
    return *n;
}

void append_folded(UChar32 c, std::string& out) {
    if (c < 0x80) {
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        return;
    }
    if (c >= static_cast<UChar32>(first_unified_ideograph) && c <= static_cast<UChar32>(last_unified_ideograph)) {  // NFKC_CF: unchanged
        char bytes[U8_MAX_LENGTH];
        int32_t length = 0;
        U8_APPEND_UNSAFE(bytes, length, c);
        out.append(bytes, static_cast<std::size_t>(length));
        return;  // and the normaliser's data need not load for Chinese text
    }
    static const icu::Normalizer2& n = folding();
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString folded = n.normalize(icu::UnicodeString(c), status);
    if (U_FAILURE(status)) folded = icu::UnicodeString(c);
    folded.toUTF8String(out);
}

// A table of zeros from calloc, whose untouched pages the kernel never has to supply: a start-up that
// folds a few characters should not pay for the whole basic plane.
template <class T>
std::unique_ptr<T[], void (*)(void*)> zeroed(std::size_t count) {
    auto* p = static_cast<T*>(std::calloc(count, sizeof(T)));
    if (!p) throw std::bad_alloc();
    return {p, std::free};
}

// One code point as the index reads it: NFKC case-folded, and an ideograph Simplified. Cached per thread,
// since ICU's normaliser dominates building the index otherwise.
const std::string& folded(UChar32 c) {
    thread_local std::unordered_map<UChar32, std::string> cache;
    thread_local const auto basic_plane = zeroed<const std::string*>(0x10000);  // direct, for the common case
    const bool basic = c >= 0 && c < 0x10000;
    if (basic && basic_plane[static_cast<std::size_t>(c)]) return *basic_plane[static_cast<std::size_t>(c)];
    auto it = cache.find(c);
    if (it == cache.end()) {
        std::string out;
        append_folded(c, out);
        if (is_ideograph(static_cast<char32_t>(c))) out = simplified_ideographs(out);  // 誹 → 诽
        it = cache.emplace(c, std::move(out)).first;
    }
    if (basic) basic_plane[static_cast<std::size_t>(c)] = &it->second;
    return it->second;
}

enum class CharClass : unsigned char { unknown, ideograph, alnum, other };

// What the splitter makes of a code point; ICU's property lookups, cached per thread for the basic plane.
CharClass class_of(UChar32 c) {
    auto classify = [](UChar32 u) {
        if (u < 0) return CharClass::other;  // invalid UTF-8
        if (is_ideograph(static_cast<char32_t>(u))) return CharClass::ideograph;
        return u_isalnum(u) ? CharClass::alnum : CharClass::other;
    };
    if (c < 0 || c >= 0x10000) return classify(c);
    thread_local const auto basic_plane = zeroed<CharClass>(0x10000);  // zero is unknown
    CharClass& known = basic_plane[static_cast<std::size_t>(c)];
    if (known == CharClass::unknown) known = classify(c);
    return known;
}

// English derivation the Porter stemmer (which runs after this tokenizer) leaves apart: "defamatory" is
// read as "defamation", so that defame, defamation and defamatory share the stem "defam".
void unify_derivations(std::string& word) {
    static const std::set<std::string, std::less<>> unrelated{"laboratory", "lavatory", "observatory", "conservatory", "oratory"};
    if (unrelated.count(word)) return;
    constexpr std::string_view atory = "atory";
    if (word.size() > atory.size() + 2 && word.ends_with(atory)) word.replace(word.size() - atory.size(), atory.size(), "ation");
}

using Emit = int (*)(void* ctx, const std::string& token, int start, int end, bool colocated);

// Splits text into ideograph runs and word runs and emits their tokens. In query mode a run of several
// ideographs yields only its bigrams, so a quoted string becomes a phrase of consecutive positions; in
// document mode the last ideograph of each run is also emitted alone (at the position of the last bigram),
// so that a lone character can be found as a prefix.
class Splitter {
public:
    Splitter(bool query, Emit emit, void* ctx) : query_(query), emit_(emit), ctx_(ctx) {}

    int run(std::string_view text) {
        const auto* s = reinterpret_cast<const uint8_t*>(text.data());
        const auto n = static_cast<int32_t>(text.size());
        int32_t i = 0;
        while (i < n) {
            int32_t start = i;
            UChar32 c;
            U8_NEXT(s, i, n, c);
            const CharClass kind = class_of(c);
            if (kind == CharClass::ideograph) {
                if (int rc = flush_word()) return rc;
                cjk_.push_back({start, i, &folded(c)});
            } else if (kind == CharClass::alnum) {
                if (int rc = flush_cjk()) return rc;
                if (word_.empty()) word_start_ = start;
                word_end_ = i;
                word_ += folded(c);
            } else if (int rc = flush_all()) {
                return rc;
            }
        }
        return flush_all();
    }

private:
    int flush_all() {
        if (int rc = flush_cjk()) return rc;
        return flush_word();
    }

    int flush_word() {
        if (word_.empty()) return SQLITE_OK;
        unify_derivations(word_);
        int rc = emit_(ctx_, word_, word_start_, word_end_, false);
        word_.clear();
        return rc;
    }

    int flush_cjk() {
        int rc = SQLITE_OK;
        const std::size_t n = cjk_.size();
        for (std::size_t i = 0; rc == SQLITE_OK && i + 1 < n; ++i) {
            pair_.assign(*cjk_[i].text).append(*cjk_[i + 1].text);  // one buffer: no allocation per bigram
            rc = emit_(ctx_, pair_, cjk_[i].start, cjk_[i + 1].end, false);
        }
        if (rc == SQLITE_OK && n > 0 && (n == 1 || !query_))
            rc = emit_(ctx_, *cjk_.back().text, cjk_.back().start, cjk_.back().end, n > 1);
        cjk_.clear();
        return rc;
    }

    bool query_;
    Emit emit_;
    void* ctx_;
    std::vector<Unit> cjk_;
    std::string pair_;
    std::string word_;
    int word_start_ = 0;
    int word_end_ = 0;
};

struct Fts5Context {
    void* ctx;
    int (*token)(void*, int, const char*, int, int, int);
};

int emit_fts5(void* p, const std::string& token, int start, int end, bool colocated) {
    auto* c = static_cast<Fts5Context*>(p);
    return c->token(c->ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, token.data(), static_cast<int>(token.size()),
                    start, end);
}

int create(void*, const char**, int, Fts5Tokenizer** out) {
    static int instance;
    *out = reinterpret_cast<Fts5Tokenizer*>(&instance);  // stateless
    return SQLITE_OK;
}

void destroy(Fts5Tokenizer*) {}

int tokenize(Fts5Tokenizer*, void* ctx, int flags, const char* text, int size,
             int (*token)(void*, int, const char*, int, int, int)) {
    Fts5Context c{ctx, token};
    try {
        return Splitter((flags & FTS5_TOKENIZE_QUERY) != 0, emit_fts5, &c)
            .run(std::string_view(text, static_cast<std::size_t>(size)));
    } catch (...) {
        return SQLITE_ERROR;  // never let an exception cross into SQLite
    }
}

}  // namespace

bool is_ideograph(char32_t c) { return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_IDEOGRAPHIC); }

bool ends_with_lone_ideograph(std::string_view text) {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    auto i = static_cast<int32_t>(text.size());
    int ideographs = 0;
    while (i > 0 && ideographs < 2) {
        UChar32 c;
        U8_PREV(s, 0, i, c);
        if (c < 0 || !is_ideograph(static_cast<char32_t>(c))) break;
        ++ideographs;
    }
    return ideographs == 1;
}

std::size_t code_points(std::string_view text) {
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
}

const std::string& fold_code_point(char32_t c) { return folded(static_cast<UChar32>(c)); }

std::string fold(std::string_view text) {
    std::string out;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0) continue;
        out += folded(c);
    }
    return out;
}

std::vector<Token> tokenize_document(std::string_view text) {
    std::vector<Token> tokens;
    auto collect = [](void* p, const std::string& token, int start, int end, bool colocated) {
        static_cast<std::vector<Token>*>(p)->push_back({token, start, end, colocated});
        return SQLITE_OK;
    };
    Splitter(false, collect, &tokens).run(text);
    return tokens;
}

int count_positions(std::string_view text) {
    int count = 0;
    auto tally = [](void* p, const std::string&, int, int, bool colocated) {
        if (!colocated) ++*static_cast<int*>(p);
        return SQLITE_OK;
    };
    Splitter(false, tally, &count).run(text);  // the splitter itself, so the count cannot drift from the index
    return count;
}

bool has_ideograph_folding_to(std::string_view text, std::string_view start) {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (class_of(c) == CharClass::ideograph && folded(c).starts_with(start)) return true;
    }
    return false;
}

bool has_ideographs_folding_to(std::string_view text, std::string_view pair) {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(text.size());
    const std::string* before = nullptr;  // the fold of the ideograph just before, if any
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (class_of(c) != CharClass::ideograph) {
            before = nullptr;
            continue;
        }
        const std::string& here = folded(c);
        if (before && before->size() + here.size() == pair.size() && pair.starts_with(*before) && pair.ends_with(here)) return true;
        before = &here;
    }
    return false;
}

namespace {

fts5_api* fts5_of(sqlite3* db) {
    fts5_api* api = nullptr;
    {
        Statement get(db, "SELECT fts5(?1)");
        get.bind_pointer(1, static_cast<void*>(&api), "fts5_api_ptr");
        get.step();
    }
    if (!api) throw SqliteError("this SQLite library was built without FTS5");
    return api;
}

}  // namespace

IndexTokenizer::IndexTokenizer(sqlite3* db) {
    fts5_api* api = fts5_of(db);
    void* user = nullptr;
    if (api->xFindTokenizer(api, "porter", &user, &methods_) != SQLITE_OK) throw SqliteError("FTS5 has no porter tokenizer");
    const char* args[] = {tokenizer_name};
    if (methods_.xCreate(user, args, 1, &instance_) != SQLITE_OK) throw SqliteError("cannot create the index tokenizer");
}

IndexTokenizer::~IndexTokenizer() {
    if (instance_) methods_.xDelete(instance_);
}

std::vector<IndexTokenizer::Positioned> IndexTokenizer::run(std::string_view text, int flags) const {
    struct Collect {
        std::vector<Positioned> tokens;
        int position = -1;
    } collect;
    auto callback = [](void* ctx, int tflags, const char* token, int size, int start, int end) {
        auto* c = static_cast<Collect*>(ctx);
        if (!(tflags & FTS5_TOKEN_COLOCATED) || c->position < 0) ++c->position;
        c->tokens.push_back({std::string(token, static_cast<std::size_t>(size)), start, end, c->position});
        return SQLITE_OK;
    };
    methods_.xTokenize(instance_, &collect, flags, text.data(), static_cast<int>(text.size()), callback);
    return collect.tokens;
}

std::vector<IndexTokenizer::Positioned> IndexTokenizer::document(std::string_view text) const {
    return run(text, FTS5_TOKENIZE_DOCUMENT);
}

std::vector<IndexTokenizer::Positioned> IndexTokenizer::query(std::string_view text) const {
    return run(text, FTS5_TOKENIZE_QUERY);
}

void register_tokenizer(sqlite3* db) {
    fts5_api* api = fts5_of(db);
    fts5_tokenizer tokenizer{create, destroy, tokenize};
    if (api->xCreateTokenizer(api, tokenizer_name, nullptr, &tokenizer, nullptr) != SQLITE_OK)
        throw SqliteError("cannot register the lexq tokenizer");
}

}  // namespace lexq::kb
