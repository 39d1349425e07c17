#include <filesystem>

#include <fmt/format.h>
#include <unicode/uversion.h>

#include "default_kb.hpp"
#include "errors.hpp"
#include "lexq/lexq.hpp"
#include "parser.hpp"
#include "apply.hpp"
#include "graph.hpp"
#include "provisions.hpp"
#include "schema.hpp"
#include "search.hpp"
#include "tokenizer.hpp"

namespace lexq {

const char* version() { return LEXQ_VERSION; }

struct Engine::Impl {
    Impl(kb::Database database, std::string name)
        : db(std::move(database)), name(std::move(name)), tokenizer(db.handle()), catalog(db) {}
    kb::Database db;
    std::string name;              // the file, for errors that are the file's
    kb::IndexTokenizer tokenizer;  // the index's own token chain, for exact matching
    kb::Catalog catalog;           // names and articles, for resolving citations in check

    // Facts, conclusions and rules, read at the first apply or explain: parsing every rule would be most of
    // the start-up of a program that only shows a provision.
    engine::RuleBase& rules() {
        if (!rules_) rules_.emplace(db);
        return *rules_;
    }

private:
    std::optional<engine::RuleBase> rules_;
};

namespace {

std::string meta(const kb::Database& db, const char* key) {
    auto get = db.prepare("SELECT value FROM meta WHERE key = ?1");
    get->bind(1, key);
    return get->step() ? get->text(0) : std::string();
}

// A database this build cannot read is an error naming what differs, never a wrong answer.
std::string damaged(const std::string& name, const kb::SqliteError& e) {
    return fmt::format("{} is damaged ({}); rebuild it with lexq-kbc or restore a copy", name, e.what());
}

void check_compatible(const kb::Database& db, const std::string& name) {
    std::string schema, tokenizer;
    try {
        schema = meta(db, "schema_version");
        tokenizer = meta(db, "tokenizer");
    } catch (const kb::SqliteError& e) {
        if (e.code == SQLITE_CORRUPT) throw std::runtime_error(damaged(name, e));
        throw std::runtime_error(fmt::format("{} is not a lexq knowledge base ({})", name, e.what()));
    }
    if (schema != std::to_string(kb::schema_version))
        throw std::runtime_error(fmt::format("{} has schema version {}, this lexq reads version {}; rebuild it with lexq-kbc",
                                             name, schema.empty() ? "none" : schema, kb::schema_version));
    if (const std::string icu = meta(db, "icu_version"); icu != U_ICU_VERSION)
        throw std::runtime_error(fmt::format("{} was indexed with ICU {}, this lexq runs ICU {}; rebuild it with lexq-kbc",
                                             name, icu, U_ICU_VERSION));
    if (tokenizer != kb::tokenizer_version)
        throw std::runtime_error(fmt::format("{} was indexed by tokenizer {}, this lexq uses {}; rebuild it with lexq-kbc",
                                             name, tokenizer, kb::tokenizer_version));
}

// Opens the engine, naming the file when it is damaged: corruption can show first while the catalog loads.
std::unique_ptr<Engine::Impl> open_impl(kb::Database db, const std::string& name) {
    check_compatible(db, name);
    try {
        return std::make_unique<Engine::Impl>(std::move(db), name);
    } catch (const kb::SqliteError& e) {
        if (e.damaged()) throw std::runtime_error(damaged(name, e));
        throw;
    }
}

Error io_error(std::string message) { return Error{"I/O error", std::move(message), std::nullopt, 0, {}}; }

Result run_statement(Engine::Impl& impl, ast::Statement& statement) {
    if (const auto* show = std::get_if<ast::Show>(&statement.node)) return engine::show(impl.db, impl.catalog, show->citation);
    if (auto* explain = std::get_if<ast::Explain>(&statement.node)) return engine::explain_search(impl.db, explain->search.query);
    if (const auto* refs = std::get_if<ast::Refs>(&statement.node)) return engine::refs(impl.db, impl.catalog, refs->citation);
    if (const auto* cited = std::get_if<ast::CitedBy>(&statement.node)) return engine::cited_by(impl.db, impl.catalog, *cited);
    if (const auto* check = std::get_if<ast::Check>(&statement.node)) return engine::check(impl.catalog, *check, engine::today());
    if (const auto* apply = std::get_if<ast::Apply>(&statement.node)) return impl.rules().apply(*apply, engine::today());
    if (const auto* e = std::get_if<ast::ExplainConclusion>(&statement.node)) return impl.rules().explain(*e, engine::today());
    return engine::run_search(impl.db, impl.tokenizer, std::get<ast::Search>(statement.node).query);
}

}  // namespace

bool is_complete(std::string_view text) noexcept {
    try {
        std::size_t end = text.size();
        while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\n')) --end;
        if (end == 0) return true;
        auto parsed = grammar::parse(text.substr(0, end));
        const auto* error = std::get_if<ast::SyntaxError>(&parsed);
        return !error || error->offset < end;  // an error before the end is an error, not an unfinished line
    } catch (...) {
        return true;
    }
}

std::vector<std::string> Engine::completions() const noexcept {
    std::vector<std::string> words{"show", "search", "explain", "refs", "citedby", "check", "apply", "given", "full",
                                   "AND", "OR", "NOT", "instrument:", "kind:", "status:", "date:", "limit:", "offset:",
                                   "title:", "heading:", "zh:", "en:", "depth:", "using draft"};
    try {
        for (const char* sql : {"SELECT id FROM instrument", "SELECT DISTINCT short_title_zh FROM instrument", "SELECT name FROM fact",
                                "SELECT DISTINCT name FROM fact_value", "SELECT id FROM conclusion"}) {
            kb::Statement rows(impl_->db.handle(), sql);
            while (rows.step()) words.push_back(rows.text(0));
        }
    } catch (...) {
    }
    return words;
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

std::unique_ptr<Engine> Engine::open(const std::string& path, Error* error) noexcept {
    try {
        if (!std::filesystem::exists(path)) throw std::runtime_error(fmt::format("{}: no such file", path));
        if (std::filesystem::is_directory(path)) throw std::runtime_error(fmt::format("{} is a directory, not a knowledge base file", path));
        return std::unique_ptr<Engine>(new Engine(open_impl(kb::Database::open(path, true), path)));
    } catch (const std::exception& e) {
        if (error) *error = io_error(fmt::format("cannot open knowledge base: {}", e.what()));
        return nullptr;
    }
}

std::unique_ptr<Engine> Engine::open_default(Error* error) noexcept {
    try {
        const kb::Blob blob = kb::default_database();
        return std::unique_ptr<Engine>(new Engine(open_impl(kb::Database::from_memory(blob.data, blob.size), "the embedded knowledge base")));
    } catch (const std::exception& e) {
        if (error) *error = io_error(e.what());
        return nullptr;
    }
}

std::vector<Outcome> Engine::run(std::string_view text) noexcept {
    std::vector<Outcome> outcomes;
    try {
        auto parsed = grammar::parse(text);
        if (auto* syntax = std::get_if<ast::SyntaxError>(&parsed)) {
            Outcome o{std::string(text), 0, std::nullopt, Error{"syntax error", syntax->message, syntax->offset, 1, {}}};
            outcomes.push_back(std::move(o));
            return outcomes;
        }
        for (ast::Statement& statement : std::get<ast::Script>(parsed).statements) {
            Outcome o{std::string(text.substr(statement.span.offset, statement.span.length)), statement.span.offset,
                      std::nullopt, std::nullopt};
            try {
                o.result = run_statement(*impl_, statement);
            } catch (const engine::Failure& f) {
                o.error = f.error;
            } catch (const kb::SqliteError& e) {
                const std::string message = e.damaged() ? damaged(impl_->name, e) : e.what();
                o.error = Error{e.damaged() ? "I/O error" : "internal error", message, statement.span.offset, statement.span.length, {}};
            } catch (const std::exception& e) {
                o.error = Error{"internal error", e.what(), statement.span.offset, statement.span.length, {}};
            }
            outcomes.push_back(std::move(o));
        }
    } catch (const std::exception& e) {
        outcomes.push_back({std::string(text), 0, std::nullopt, Error{"internal error", e.what(), std::nullopt, 0, {}}});
    }
    return outcomes;
}

}  // namespace lexq
