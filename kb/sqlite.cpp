#include "sqlite.hpp"

#include <fmt/format.h>

#include "tokenizer.hpp"

namespace lexq::kb {

static SqliteError error_of(sqlite3* db, std::string_view what) {
    return SqliteError(fmt::format("{}: {}", what, db ? sqlite3_errmsg(db) : "out of memory"),
                       db ? sqlite3_errcode(db) & 0xff : SQLITE_NOMEM);
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
        throw error_of(db, "prepare");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::string_view value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int index, long long value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
}

Statement& Statement::bind_null(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
}

Statement& Statement::bind_pointer(int index, void* pointer, const char* type) {
    sqlite3_bind_pointer(stmt_, index, pointer, type, nullptr);
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw error_of(db_, "step");
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::string Statement::text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, column)) : std::string();
}

std::string_view Statement::text_view(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string_view();
}

long long Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

Database Database::open(const std::string& path, bool readonly) {
    sqlite3* db = nullptr;
    int flags = readonly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    Database result(db);
    if (rc != SQLITE_OK) throw error_of(db, fmt::format("cannot open {}", path));
    // A reader's page cache of up to 64 MiB (SQLite's default is 2 MiB): a search at a million provisions
    // reads thousands of scattered article rows, and the next search mostly reads the same ones.
    if (readonly) sqlite3_exec(db, "PRAGMA cache_size = -65536", nullptr, nullptr, nullptr);
    register_tokenizer(db);
    return result;
}

Database Database::from_memory(const unsigned char* data, std::size_t size) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, nullptr);
    Database result(db);
    // SQLite never writes to a READONLY deserialized buffer, so the const_cast is safe.
    int rc = sqlite3_deserialize(db, "main", const_cast<unsigned char*>(data), static_cast<sqlite3_int64>(size),
                                 static_cast<sqlite3_int64>(size), SQLITE_DESERIALIZE_READONLY);
    if (rc != SQLITE_OK) throw error_of(db, "cannot load the embedded knowledge base");
    register_tokenizer(db);
    return result;
}

Database::~Database() {
    cache_.clear();  // statements are finalized before their connection closes
    sqlite3_close_v2(db_);
}

Prepared::Prepared(Statement* cached, bool* busy, std::unique_ptr<Statement> own)
    : statement_(own ? own.get() : cached), busy_(busy), own_(std::move(own)) {}

Prepared::Prepared(Prepared&& other) noexcept
    : statement_(other.statement_), busy_(other.busy_), own_(std::move(other.own_)) {
    other.statement_ = nullptr;
    other.busy_ = nullptr;
}

Prepared::~Prepared() {
    if (!statement_) return;
    statement_->reset();
    if (busy_) *busy_ = false;
}

Prepared Database::prepare(const std::string& sql) const {
    auto it = cache_.find(sql);
    if (it == cache_.end()) it = cache_.emplace(sql, Slot{std::make_unique<Statement>(db_, sql)}).first;
    Slot& slot = it->second;
    if (slot.busy) return Prepared(nullptr, nullptr, std::make_unique<Statement>(db_, sql));
    slot.busy = true;
    return Prepared(slot.statement.get(), &slot.busy, nullptr);
}

void Database::exec(std::string_view sql) {
    char* message = nullptr;
    std::string text(sql);
    if (const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message); rc != SQLITE_OK) {
        std::string what = message ? message : "unknown error";
        sqlite3_free(message);
        throw SqliteError(what, rc & 0xff);
    }
}

}  // namespace lexq::kb
