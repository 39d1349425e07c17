// The comparators for the query benchmarks, built from the very text a lexq knowledge base holds:
// SQLite's own FTS5 with its trigram and unicode61 tokenizers, and plain text files for ripgrep.
//
// lexq_bench_fts build LEXQ.db OUT.db      doc table + FTS5 tables "tri" and "uni"; prints build times and sizes
// lexq_bench_fts export LEXQ.db DIR        one file per instrument, STATUS__KIND__ID.txt, one line per article
// lexq_bench_fts query OUT.db MIX.tsv [--rounds R] [--reps K] [--budget SECONDS per statement]
//   MIX.tsv columns: label, class, lexq statement, FTS5 MATCH, SQL filter on doc (instrument, kind, status).
//   Each answer is what lexq answers: the number of matching articles and the best ten by bm25.
//
// An article's searchable text is its topic and headings, then its Chinese text, as lexq indexes them
// (title, headings, text_zh). Paragraph breaks become ¶ in the exported lines, so a pattern can stop at them.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <sqlite3.h>

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void fail(const std::string& what) {
    std::cerr << "lexq_bench_fts: " << what << "\n";
    std::exit(2);
}

sqlite3* open(const std::string& path, int flags) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) fail("cannot open " + path);
    return db;
}

void exec(sqlite3* db, const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string m = message ? message : "?";
        sqlite3_free(message);
        fail(m + " in: " + sql);
    }
}

sqlite3_stmt* prepare(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) fail(std::string(sqlite3_errmsg(db)) + " in: " + sql);
    return s;
}

long long single(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* s = prepare(db, sql);
    const long long v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return v;
}

double seconds_of(sqlite3* db, const std::string& sql) {
    const auto start = Clock::now();
    exec(db, sql);
    return std::chrono::duration<double>(Clock::now() - start).count();
}

constexpr const char* source_sql =
    "SELECT a.rowid, a.id, a.instrument_id, i.kind, i.status, trim(a.title || char(10) || a.headings), a.text_zh"
    " FROM k.article a JOIN k.instrument i ON i.id = a.instrument_id ORDER BY a.rowid";

int build(const std::string& lexq_db, const std::string& out) {
    std::filesystem::remove(out);
    sqlite3* db = open(out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; ATTACH '" + lexq_db + "' AS k;"
             "CREATE TABLE doc(rowid INTEGER PRIMARY KEY, id TEXT, instrument TEXT, kind TEXT, status TEXT, headings TEXT, text TEXT);"
             "INSERT INTO doc " + source_sql + ";");
    const long long text_bytes = single(db, "SELECT sum(length(CAST(headings AS BLOB)) + length(CAST(text AS BLOB))) FROM doc");
    std::printf("articles\t%lld\ntext_bytes\t%lld\n", single(db, "SELECT count(*) FROM doc"), text_bytes);
    for (const auto& [table, tokenizer] : {std::pair{"tri", "trigram"}, std::pair{"uni", "unicode61"}}) {
        exec(db, std::string("CREATE VIRTUAL TABLE ") + table + " USING fts5(headings, text, content='doc', content_rowid='rowid', tokenize='" + tokenizer + "')");
        const double s = seconds_of(db, std::string("INSERT INTO ") + table + "(" + table + ") VALUES('rebuild')");
        const long long bytes = single(db, std::string("SELECT sum(pgsize) FROM dbstat WHERE name LIKE '") + table + "\\_%' ESCAPE '\\'");
        std::printf("%s_build_s\t%.3f\n%s_index_bytes\t%lld\n", table, s, table, bytes);
    }
    sqlite3_close(db);
    return 0;
}

std::string flattened(std::string s) {
    for (std::size_t at = s.find('\n'); at != std::string::npos; at = s.find('\n', at)) s.replace(at, 1, "¶");
    return s;
}

int export_text(const std::string& lexq_db, const std::string& dir) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    sqlite3* db = open(":memory:", SQLITE_OPEN_READWRITE);
    exec(db, "ATTACH 'file:" + lexq_db + "?mode=ro' AS k");
    sqlite3_stmt* s = prepare(db, source_sql);
    std::map<std::string, std::ofstream> files;
    while (sqlite3_step(s) == SQLITE_ROW) {
        auto text = [&](int c) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, c))); };
        const std::string name = text(4) + "__" + text(3) + "__" + text(2) + ".txt";
        auto it = files.find(name);
        if (it == files.end()) it = files.emplace(name, std::ofstream(dir + "/" + name, std::ios::binary)).first;
        it->second << flattened(text(5)) << "¶" << flattened(text(6)) << "\n";
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return 0;
}

struct Query {
    std::string label, kind, match, filter;
};

std::vector<Query> read_mix(const std::string& path) {
    std::ifstream in(path);
    if (!in) fail("cannot read " + path);
    std::vector<Query> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> f;
        std::istringstream fields(line);
        for (std::string x; std::getline(fields, x, '\t');) f.push_back(x);
        if (f.size() >= 5 && f[3] != "-") out.push_back({f[0], f[1], f[3], f[4]});
    }
    return out;
}

// One answer: how many articles match, and the best ten.
long long answer(sqlite3* db, const std::string& table, const Query& q) {
    const std::string from = " FROM " + table + " JOIN doc ON doc.rowid = " + table + ".rowid WHERE " + table + " MATCH ?1 AND (" + q.filter + ")";
    sqlite3_stmt* count = prepare(db, "SELECT count(*)" + from);
    sqlite3_bind_text(count, 1, q.match.c_str(), -1, SQLITE_TRANSIENT);
    const long long n = sqlite3_step(count) == SQLITE_ROW ? sqlite3_column_int64(count, 0) : -1;
    sqlite3_finalize(count);
    sqlite3_stmt* top = prepare(db, "SELECT doc.id" + from + " ORDER BY bm25(" + table + ") LIMIT 10");
    sqlite3_bind_text(top, 1, q.match.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(top) == SQLITE_ROW) {
    }
    sqlite3_finalize(top);
    return n;
}

double quantile(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5))];
}

int query(const std::string& path, const std::string& mix, int rounds, int reps, double budget_ms) {
    sqlite3* db = open(path, SQLITE_OPEN_READONLY);
    const auto queries = read_mix(mix);
    std::printf("label\tclass\ttable\tcount\tp50_ms\tp99_ms\tmin_ms\tmax_ms\n");
    for (const char* table : {"tri", "uni"}) {
        for (const auto& q : queries) {
            long long n = answer(db, table, q);  // warm-up
            std::vector<double> ms;
            double spent = 0;
            for (int i = 0; i < rounds * reps && spent < budget_ms; ++i) {
                const auto start = Clock::now();
                n = answer(db, table, q);
                spent += ms.emplace_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
            }
            std::printf("%s\t%s\t%s\t%lld\t%.3f\t%.3f\t%.3f\t%.3f\n", q.label.c_str(), q.kind.c_str(), table, n,
                        quantile(ms, 0.5), quantile(ms, 0.99), quantile(ms, 0), quantile(ms, 1));
        }
    }
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    std::printf("# peak_rss_kb\t%ld\n", u.ru_maxrss);
    sqlite3_close(db);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> a(argv + 1, argv + argc);
    if (a.size() == 3 && a[0] == "build") return build(a[1], a[2]);
    if (a.size() == 3 && a[0] == "export") return export_text(a[1], a[2]);
    if (a.size() >= 3 && a[0] == "query") {
        int rounds = 5, reps = 20;
        double budget = 10;
        for (std::size_t i = 3; i + 1 < a.size(); i += 2) {
            if (a[i] == "--rounds") rounds = std::max(1, std::atoi(a[i + 1].c_str()));
            if (a[i] == "--reps") reps = std::max(1, std::atoi(a[i + 1].c_str()));
            if (a[i] == "--budget") budget = std::atof(a[i + 1].c_str());
        }
        return query(a[1], a[2], rounds, reps, 1000 * budget);
    }
    std::cerr << "usage: lexq_bench_fts build LEXQ.db OUT.db | export LEXQ.db DIR | query OUT.db MIX.tsv [--rounds R] [--reps K]\n";
    return 2;
}
