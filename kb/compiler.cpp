#include "compiler.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <unicode/uversion.h>

#include "citations.hpp"
#include "numerals.hpp"
#include "reader.hpp"
#include "schema.hpp"
#include "sqlite.hpp"
#include "tokenizer.hpp"
#include "validate.hpp"

namespace lexq::kb {
namespace {

std::string json_array(const std::vector<std::string>& values) {
    std::string out = "[";
    for (const std::string& v : values) {
        if (out.size() > 1) out += ',';
        out += '"';
        for (char c : v) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + "]";
}

// The article's whole text, one paragraph or item a line; a missing Chinese passage stands as a gap.
std::string join_text(const Article& a, std::string Text::*field) {
    auto text = [&](const Text& t) { return t.zh_status == ZhStatus::missing && field == &Text::zh ? gap_marker : t.*field; };
    std::string out;
    for (const Paragraph& p : a.paragraphs) {
        if (!out.empty()) out += '\n';
        out += text(p.text);
        for (const Item& item : p.items) out += '\n' + text(item.text);
    }
    return out;
}

// The headings above an article, Chinese and English, for the headings column of the search index.
std::string heading_text(const Instrument& in, const ArticleNumber& n) {
    std::string out;
    for (const Heading& h : in.headings)
        if (!(n < h.first) && !(h.last < n)) out += h.label + " " + h.title.zh + " " + h.title.en + "\n";
    return out;
}

// Counts the citations title + article string (刑法 + 第二百四十六条) of many articles in many texts at once:
// only where an article string stands are the titles before it looked up.
class CitationCounter {
public:
    void add(const std::string& title, const std::string& article_string, const Article* article) {
        entries_.push_back({title + article_string, article_string.size(), article, 0});
    }

    void scan(std::string_view text, const Article* self) {
        if (citations_.empty()) build_index();
        for (std::size_t at = 0; at < text.size(); ++at) {
            if (std::none_of(heads_.begin(), heads_.end(), [&](const std::string& h) { return text.substr(at, h.size()) == h; })) continue;
            for (std::size_t length : article_lengths_)
                if (at + length <= text.size() && article_strings_.count(text.substr(at, length))) count_at(text, at, length, self);
        }
    }

    int count(std::size_t entry) const { return entries_[entry].count; }
    std::size_t size() const { return entries_.size(); }

private:
    struct Entry {
        std::string citation;
        std::size_t article_length;  // of the article string ending the citation
        const Article* article;
        int count;
    };

    void build_index() {
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            const Entry& e = entries_[i];
            if (e.article_length == 0) continue;
            const std::string_view article_string = std::string_view(e.citation).substr(e.citation.size() - e.article_length);
            citations_[e.citation].push_back(i);
            article_strings_.insert(article_string);
            article_lengths_.insert(e.article_length);
            title_lengths_.insert(e.citation.size() - e.article_length);
            const std::string head(article_string.substr(0, 3));  // 第 in UTF-8
            if (std::find(heads_.begin(), heads_.end(), head) == heads_.end()) heads_.push_back(head);
        }
    }

    void count_at(std::string_view text, std::size_t at, std::size_t length, const Article* self) {
        if (text.substr(at + length, 3) == "之") return;  // 第二百五十三条之一 is another article
        for (std::size_t title_length : title_lengths_) {
            if (title_length > at) break;
            const auto found = citations_.find(text.substr(at - title_length, title_length + length));
            if (found == citations_.end()) continue;
            for (std::size_t i : found->second)
                if (entries_[i].article != self) ++entries_[i].count;  // an article's own text does not make it central
        }
    }

    std::vector<Entry> entries_;
    // Views into entries_, which stays as it is once scanning starts.
    std::unordered_map<std::string_view, std::vector<std::size_t>> citations_;
    std::unordered_set<std::string_view> article_strings_;
    std::set<std::size_t> article_lengths_, title_lengths_;
    std::vector<std::string> heads_;  // the first bytes of the article strings: nearly always 第
};

std::string article_id(const Instrument& in, const Article& a) { return fmt::format("{} {}", in.id, a.number.str()); }

// Each paragraph and item of an article, with its unit id, in the order the unit table holds them.
template <class Visit>
void for_each_unit(const Instrument& in, const Article& a, Visit&& visit) {
    const std::string id = article_id(in, a);
    for (std::size_t p = 0; p < a.paragraphs.size(); ++p) {
        const Paragraph& para = a.paragraphs[p];
        const int number = static_cast<int>(p) + 1;
        visit(fmt::format("{}({})", id, number), number, std::nullopt, para.text);
        for (std::size_t i = 0; i < para.items.size(); ++i) {
            const int item = static_cast<int>(i) + 1;
            visit(fmt::format("{}({})({})", id, number, item), number, item, para.items[i].text);
        }
    }
}

// A citation found in a paragraph or item, resolved, before it is stored.
struct FoundCitation {
    std::string unit, article;
    const char* lang;
    std::size_t offset, length;
    std::string text;
    Resolution resolution;
};

class Writer {
public:
    Writer(Database& db, const Progress& progress) : db_(db), progress_(progress) {}

    BuildStats write(const std::vector<Instrument>& corpus) {
        db_.exec(schema_sql);
        // Prepared once: an import has a million articles and units.
        put_article_.emplace(db_.handle(), "INSERT INTO article(id, instrument_id, seq, number, key, title, title_zh, title_en,"
                                           " note, headings, text_zh, text_en) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
        put_unit_.emplace(db_.handle(), "INSERT INTO unit VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
        put_rank_.emplace(db_.handle(), "INSERT INTO article_rank(rowid, instrument_id, seq, cited) VALUES(?1,?2,?3,?4)");
        meta();
        for (const Instrument& in : corpus) total_articles_ += in.articles.size();
        cited_ = count_citations(corpus);
        int seq = 0;
        for (const Instrument& in : corpus) instrument(in, seq++);
        Catalog catalog(db_);
        catalog.read_all_articles();  // from here on the catalog never reads the database
        std::vector<FoundCitation> found;
        {
            // Citations are found on a second thread while this one builds the full-text index: neither
            // needs the other's work, and the thread never touches the connection.
            std::exception_ptr failed;
            std::thread finder([&] {
                try {
                    found = find_citations(corpus, catalog);
                } catch (...) {
                    failed = std::current_exception();
                }
            });
            try {
                report("index", 0, 1);
                db_.exec("INSERT INTO article_fts(article_fts) VALUES('rebuild')");
                report("index", 1, 1);
            } catch (...) {
                finder.join();
                throw;
            }
            finder.join();
            if (failed) std::rethrow_exception(failed);
        }
        store_citations(found);
        return stats_;
    }

private:
    void report(std::string_view phase, std::size_t done, std::size_t total) {
        if (progress_) progress_(phase, done, total);
    }

    void meta() {
        Statement put(db_.handle(), "INSERT INTO meta VALUES(?1, ?2)");
        auto set = [&](const char* key, const std::string& value) { put.bind(1, key).bind(2, value).run(); };
        set("schema_version", std::to_string(schema_version));
        set("tokenizer", tokenizer_version);
        set("icu_version", U_ICU_VERSION);
        set("sqlite_version", sqlite3_libversion());
    }

    // How many times each article, in the corpus's order, is cited by its Chinese citation (刑法第二百四十六条)
    // in other articles' texts: the more the law cites it, the more central it is to a search that finds it.
    // One pass over the texts: where an article string (第二百四十六条) stands, the titles before it name the
    // articles.
    static std::vector<int> count_citations(const std::vector<Instrument>& corpus) {
        CitationCounter counter;
        for (const Instrument& in : corpus)
            for (const Article& a : in.articles) counter.add(in.short_title_zh, chinese_article(a.number.str()), &a);
        for (const Instrument& in : corpus)
            for (const Article& a : in.articles) counter.scan(join_text(a, &Text::zh), &a);
        std::vector<int> out;
        for (std::size_t i = 0; i < counter.size(); ++i) out.push_back(counter.count(i));
        return out;
    }

    // The citation graph: every citation in every paragraph and item (in the unit table's order), resolved
    // from where it stands, on the citing instrument's date.
    static std::vector<FoundCitation> find_citations(const std::vector<Instrument>& corpus, const Catalog& catalog) {
        std::vector<FoundCitation> out;
        for (const Instrument& in : corpus) {
            const std::string& date = in.dates.effective.empty() ? in.dates.promulgated : in.dates.effective;
            for (const Article& a : in.articles)
                for_each_unit(in, a, [&](const std::string& unit, int paragraph, std::optional<int> item, const Text& t) {
                    const CitationContext context{in.id, article_key(a.number.main, a.number.sub), paragraph, item.value_or(0), date};
                    for (auto [text, lang] : {std::pair{&t.zh, "zh"}, std::pair{&t.en, "en"}})
                        for (const cite::Citation& c : cite::scan(*text, catalog))
                            out.push_back({unit, article_id(in, a), lang, c.span.offset, c.span.length,
                                           text->substr(c.span.offset, c.span.length), resolve(catalog, c, context)});
                });
        }
        return out;
    }

    void store_citations(const std::vector<FoundCitation>& found) {
        Statement put(db_.handle(), "INSERT INTO citation(from_unit, from_article, lang, start, length, text, status, message)"
                                    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8)");
        Statement target(db_.handle(), "INSERT INTO citation_target VALUES(?1,?2,?3,?4,?5)");
        for (std::size_t done = 0; done < found.size(); report("citations", ++done, found.size())) {
            const FoundCitation& f = found[done];
            const Resolution& r = f.resolution;
            put.bind(1, f.unit).bind(2, f.article).bind(3, f.lang).bind(4, static_cast<long long>(f.offset));
            put.bind(5, static_cast<long long>(f.length)).bind(6, f.text).bind(7, r.status).bind(8, r.message).run();
            const long long id = sqlite3_last_insert_rowid(db_.handle());
            int seq = 0;
            for (const std::string& t : r.targets) target.bind(1, id).bind(2, seq++).bind(3, t).bind(4, t.substr(0, t.find('('))).bind(5, 0).run();
            for (const std::string& t : r.successors) target.bind(1, id).bind(2, seq++).bind(3, t).bind(4, t).bind(5, 1).run();
            ++stats_.citations;
        }
    }

    void instrument(const Instrument& in, int seq) {
        Statement put(db_.handle(),
                      "INSERT INTO instrument VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,"
                      "?19,?20,?21,?22,?23)");
        const Text none{};
        const Text& pre = in.preamble ? *in.preamble : none;
        put.bind(1, in.id).bind(2, seq).bind(3, in.title_zh).bind(4, in.short_title_zh).bind(5, in.title_en);
        put.bind(6, in.short_title_en).bind(7, in.kind).bind(8, json_array(in.issuers)).bind(9, in.doc_number);
        put.bind(10, in.status).bind(11, in.dates.adopted).bind(12, in.dates.promulgated);
        put.bind(13, in.dates.effective).bind(14, json_array(in.dates.amended)).bind(15, in.source.zh);
        put.bind(16, in.source.en).bind(17, in.source.en_official ? 1 : 0);
        if (in.preamble)
            put.bind(18, pre.zh).bind(19, pre.en).bind(20, to_string(pre.zh_status)).bind(21, pre.note);
        else
            put.bind_null(18).bind_null(19).bind_null(20).bind_null(21);
        put.bind(22, std::filesystem::path(in.file).filename().string());
        if (in.numbering)
            put.bind(23, in.numbering->last);
        else
            put.bind_null(23);
        put.run();
        if (in.numbering) {
            Statement inserted(db_.handle(), "INSERT OR IGNORE INTO inserted_article VALUES(?1, ?2)");
            for (const ArticleNumber& n : in.numbering->inserted) inserted.bind(1, in.id).bind(2, article_key(n.main, n.sub)).run();
        }
        ++stats_.instruments;
        names(in);
        links(in);
        headings(in);
        int article_seq = 0;
        for (const Article& a : in.articles) article(in, a, article_seq++);
    }

    void names(const Instrument& in) {
        std::set<std::string> names{fold(in.id), fold(in.title_zh), fold(in.short_title_zh), fold(in.title_en)};
        if (!in.short_title_en.empty()) names.insert(fold(in.short_title_en));
        for (const std::string& alias : in.aliases) names.insert(fold(alias));
        Statement put(db_.handle(), "INSERT INTO instrument_name VALUES(?1, ?2)");
        for (const std::string& name : names) put.bind(1, name).bind(2, in.id).run();
    }

    void links(const Instrument& in) {
        Statement put(db_.handle(), "INSERT OR IGNORE INTO version_link VALUES(?1, ?2)");
        for (const std::string& older : in.supersedes) put.bind(1, older).bind(2, in.id).run();
        for (const std::string& newer : in.superseded_by) put.bind(1, in.id).bind(2, newer).run();
    }

    void headings(const Instrument& in) {
        Statement put(db_.handle(),
                      "INSERT INTO heading(instrument_id, seq, level, rank, label, title_zh, title_en, zh_status, note,"
                      " first_key, last_key) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
        int seq = 0;
        for (const Heading& h : in.headings) {
            put.bind(1, in.id).bind(2, seq++).bind(3, h.level).bind(4, heading_rank(h.level)).bind(5, h.label);
            put.bind(6, h.title.zh).bind(7, h.title.en).bind(8, to_string(h.title.zh_status)).bind(9, h.title.note);
            put.bind(10, article_key(h.first.main, h.first.sub)).bind(11, article_key(h.last.main, h.last.sub));
            put.run();
        }
    }

    void article(const Instrument& in, const Article& a, int seq) {
        Statement& put = *put_article_;
        const int cited = cited_[static_cast<std::size_t>(stats_.articles)];  // articles are written in the corpus's order
        const std::string id = article_id(in, a);
        put.bind(1, id).bind(2, in.id).bind(3, seq).bind(4, a.number.str());
        put.bind(5, article_key(a.number.main, a.number.sub));
        put.bind(6, a.title_zh.empty() ? a.title_en : a.title_zh + " " + a.title_en);
        put.bind(7, a.title_zh).bind(8, a.title_en).bind(9, a.note);
        put.bind(10, heading_text(in, a.number)).bind(11, join_text(a, &Text::zh)).bind(12, join_text(a, &Text::en));
        put.run();
        ++stats_.articles;
        report("articles", static_cast<std::size_t>(stats_.articles), total_articles_);
        const long long rowid = sqlite3_last_insert_rowid(db_.handle());
        put_rank_->bind(1, rowid).bind(2, in.id).bind(3, seq).bind(4, cited).run();
        successors(id, a);
        int unit_seq = 0;
        for_each_unit(in, a, [&](const std::string& unit_id, int paragraph, std::optional<int> item, const Text& t) {
            unit(unit_id, rowid, unit_seq++, paragraph, item, t, in);
        });
    }

    void successors(const std::string& id, const Article& a) {
        if (!a.successors) return;
        if (a.successors->empty()) {
            Statement put(db_.handle(), "INSERT INTO no_successor VALUES(?1, ?2)");
            put.bind(1, id).bind(2, a.successor_note).run();
        }
        Statement put(db_.handle(), "INSERT INTO successor VALUES(?1, ?2, ?3)");
        for (const std::string& newer : *a.successors) put.bind(1, id).bind(2, newer).bind(3, a.successor_note).run();
    }

    void unit(const std::string& id, long long article, int seq, int paragraph, std::optional<int> item,
              const Text& t, const Instrument& in) {
        Statement& put = *put_unit_;
        put.bind(1, id).bind(2, article).bind(3, seq).bind(4, paragraph).bind(5, item).bind(6, t.zh).bind(7, t.en);
        put.bind(8, to_string(t.zh_status)).bind(9, t.source.empty() ? in.source.zh : t.source).bind(10, t.note);
        put.run();
        ++stats_.units;
    }

    Database& db_;
    const Progress& progress_;
    BuildStats stats_;
    std::size_t total_articles_ = 0;
    std::vector<int> cited_;  // per article, in the corpus's order
    std::optional<Statement> put_article_, put_unit_, put_rank_;
};

}  // namespace

std::vector<Instrument> load_corpus(const std::vector<std::string>& files, Diagnostics& out) {
    std::vector<Instrument> corpus;
    for (const std::string& file : files) {
        auto instrument = read_instrument(file, out);
        if (!instrument) continue;
        validate(*instrument, out);
        corpus.push_back(std::move(*instrument));
    }
    validate_links(corpus, out);
    return corpus;
}

BuildStats write_database(const std::vector<Instrument>& corpus, const std::string& path, const RuleBook& rules,
                          Diagnostics* problems, const Progress& progress) {
    const std::string temporary = path + ".tmp";
    std::filesystem::remove(temporary);
    try {
        BuildStats stats;
        {
            Database db = Database::open(temporary, false);
            db.exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY; BEGIN");
            stats = Writer(db, progress).write(corpus);
            Diagnostics rule_problems;
            write_rulebook(db, rules, rule_problems);
            for (const auto& f : rules.files) stats.rules += static_cast<int>(f.parsed.rules.size());
            if (!rule_problems.empty()) {
                if (problems) problems->insert(problems->end(), rule_problems.begin(), rule_problems.end());
                throw std::runtime_error("the rules cite provisions that are not in the knowledge base");
            }
            // No VACUUM: a fresh database has few free pages (2% at 100k provisions), and rewriting it all
            // took as long as building the index.
            db.exec("COMMIT");
        }
        std::filesystem::rename(temporary, path);
        return stats;
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw;
    }
}

std::vector<std::string> corpus_files(const std::string& directory) {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(directory))
        if (entry.is_regular_file() && entry.path().extension() == ".toml") files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace lexq::kb
